package store

import (
	"context"
	"time"
)

// TimelineEntry is one item of a record's timeline: an activity linked to
// it, or a change from its audit trail.
type TimelineEntry struct {
	At       time.Time
	ID       string
	Activity *Activity
	Audit    *AuditRow
}

// TimelinePage is one page of a record's timeline, newest first.
type TimelinePage struct {
	Entries    []TimelineEntry
	NextCursor string // "" on the last page
}

// Timeline merges a record's activities and audit entries newest first,
// paging by keyset on (time, id): each source is read from its own index
// up to one page past the cursor, and the two are merged here.
func Timeline(ctx context.Context, q Querier, ref RecordRef, cursor string, limit int) (TimelinePage, error) {
	limit = clampLimit(limit)
	acts, err := ListActivities(ctx, q, ActivityQuery{Record: ref, Cursor: cursor, Limit: limit})
	if err != nil {
		return TimelinePage{}, err
	}
	audit, err := timelineAudit(ctx, q, ref, cursor, limit+1)
	if err != nil {
		return TimelinePage{}, err
	}
	var page TimelinePage
	i, j := 0, 0
	moreActivities := acts.NextCursor != ""
	for len(page.Entries) < limit && (i < len(acts.Activities) || j < len(audit)) {
		takeActivity := j >= len(audit)
		if i < len(acts.Activities) && j < len(audit) {
			a, b := acts.Activities[i], audit[j]
			takeActivity = a.OccurredAt.After(b.At) || (a.OccurredAt.Equal(b.At) && a.ID > b.ID)
		}
		if takeActivity {
			a := acts.Activities[i]
			page.Entries = append(page.Entries, TimelineEntry{At: a.OccurredAt, ID: a.ID, Activity: &a})
			i++
		} else {
			b := audit[j]
			page.Entries = append(page.Entries, TimelineEntry{At: b.At, ID: b.ID, Audit: &b})
			j++
		}
	}
	if i < len(acts.Activities) || moreActivities || j < len(audit) {
		last := page.Entries[len(page.Entries)-1]
		page.NextCursor = encodeCursor(timeMark, []string{FormatTime(last.At), last.ID})
	}
	return page, nil
}

func timelineAuditSQL(ref RecordRef, cursor string, limit int) (string, []any, error) {
	w := where{}
	w.add("a.entity = ? AND a.entity_id = ?", ref.Entity, ref.ID)
	if cursor != "" {
		v, err := decodeCursor(cursor, timeMark, 2)
		if err != nil {
			return "", nil, err
		}
		w.add("(a.at, a.id) < (?, ?)", v[0], v[1])
	}
	return `SELECT a.id, a.at, coalesce(a.actor_id, ''), coalesce(u.name, ''), a.action, a.entity, a.entity_id, a.details
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id` + w.sql() + ` ORDER BY a.at DESC, a.id DESC LIMIT ?`, append(w.args, limit), nil
}

func timelineAudit(ctx context.Context, q Querier, ref RecordRef, cursor string, limit int) ([]AuditRow, error) {
	query, args, err := timelineAuditSQL(ref, cursor, limit)
	if err != nil {
		return nil, err
	}
	out, err := queryAuditRows(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	trail, err := timelineTrail(ctx, q, ref, cursor) // created by a contact import: see ImportTrail
	return MergeTrail(out, trail, limit, newerByTime), err
}
