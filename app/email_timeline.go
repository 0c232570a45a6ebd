package app

import (
	"context"
	"encoding/json"

	"rolo/store"
)

// EmailDetails is what a timeline shows of a logged message beside its
// activity (subject, date, text): who wrote to whom, the quoted earlier
// messages, the attachments' names and sizes, and its thread.
type EmailDetails struct {
	From        EmailAddress
	To, Cc      []EmailAddress
	Quoted      string
	Attachments []EmailAttachment
	Truncated   bool
	Thread      string // the same for every message of one conversation
	Source      string
}

// EmailDetailsOf loads the email parts of the activities ids (a timeline
// page's, which the reader was allowed to see); activities that are not
// logged messages are left out.
func (a *App) EmailDetailsOf(ctx context.Context, actor Actor, ids []string) (map[string]EmailDetails, error) {
	if err := a.can(actor, AreaActivities, LevelView); err != nil {
		return nil, err
	}
	rows, err := store.EmailMessages(ctx, a.db.Reader(), ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]EmailDetails, len(rows))
	for id, m := range rows {
		d := EmailDetails{Quoted: m.Quoted, Truncated: m.Truncated, Thread: m.ThreadKey, Source: m.Source}
		_ = json.Unmarshal([]byte(m.From), &d.From)
		_ = json.Unmarshal([]byte(m.To), &d.To)
		_ = json.Unmarshal([]byte(m.Cc), &d.Cc)
		_ = json.Unmarshal([]byte(m.Attachments), &d.Attachments)
		out[id] = d
	}
	return out, nil
}
