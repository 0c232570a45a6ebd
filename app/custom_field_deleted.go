package app

import (
	"context"
	"encoding/json"
	"time"

	"rolo/store"
)

// DeletedField is a custom field deleted lately, which RestoreCustomField
// can bring back from the audit entry AuditID.
type DeletedField struct {
	AuditID string
	Entity  string
	Key     string
	Label   string
	At      time.Time
}

// DeletedFields lists the latest limit deletions whose field is not back
// yet, newest first (admins).
func (a *App) DeletedFields(ctx context.Context, actor Actor, limit int) ([]DeletedField, error) {
	log, err := a.AuditLog(ctx, actor, store.AuditQuery{Action: string(ActionCustomFieldDeleted), Limit: limit})
	if err != nil {
		return nil, err
	}
	var out []DeletedField
	for _, e := range log.Entries {
		if _, err := a.CustomField(ctx, e.EntityID); err == nil {
			continue // restored since
		}
		var d struct{ Entity, Key, Name string }
		_ = json.Unmarshal([]byte(e.Details), &d)
		out = append(out, DeletedField{AuditID: e.ID, Entity: d.Entity, Key: d.Key, Label: d.Name, At: e.At})
	}
	return out, nil
}
