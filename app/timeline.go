package app

import (
	"context"
	"errors"

	"rolo/store"
)

// TimelineItem is one entry of a record's timeline: an activity, or a
// change from the audit trail with its details decoded.
type TimelineItem struct {
	store.TimelineEntry
	Change *AuditEntry
}

// Timeline is one page of a record's timeline, newest first.
type Timeline struct {
	Items      []TimelineItem
	NextCursor string
}

// Timeline merges a record's activities with its history, newest first,
// a page at a time (cursor "" for the first).
func (a *App) Timeline(ctx context.Context, actor Actor, ref RecordRef, cursor string, limit int) (Timeline, error) {
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, ref.Entity, ref.ID); err != nil {
		return Timeline{}, err
	}
	page, err := store.Timeline(ctx, a.db.Reader(), ref, cursor, limit)
	if errors.Is(err, store.ErrBadCursor) {
		return Timeline{}, Invalid(map[string]string{"cursor": "error.cursor_invalid"})
	}
	if err != nil {
		return Timeline{}, err
	}
	out := Timeline{NextCursor: page.NextCursor, Items: make([]TimelineItem, len(page.Entries))}
	for i, e := range page.Entries {
		out.Items[i] = TimelineItem{TimelineEntry: e}
		if e.Audit != nil {
			decoded := decodeAudit([]store.AuditRow{*e.Audit})[0]
			out.Items[i].Change = &decoded
		}
	}
	return out, nil
}
