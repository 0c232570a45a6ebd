package app

import (
	"context"
	"encoding/json"

	"rolo/store"
)

// AuditEntry is one recorded change with its details decoded.
type AuditEntry struct {
	store.AuditRow
	Name    string                       // the record's name when it was recorded
	Changes map[string]map[string]string // field → {from, to}, for updates
	Form    string                       // the web form a change came through, made by no user
	By      *Origin                      // what made it without a user (a rule, a form…), or what a user's change came through
}

func decodeAudit(rows []store.AuditRow) []AuditEntry {
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		var d struct {
			Name    string                       `json:"name"`
			Changes map[string]map[string]string `json:"changes"`
			Form    string                       `json:"form"`
			By      *Origin                      `json:"by"`
		}
		_ = json.Unmarshal([]byte(r.Details), &d) // written by record(); an old shape just shows less
		out[i] = AuditEntry{AuditRow: r, Name: d.Name, Changes: d.Changes, Form: d.Form, By: d.By}
	}
	return out
}

// AuditLog is one page of the global audit log (admins).
type AuditLog struct {
	Entries []AuditEntry
	Next    string
}

// AuditLog pages through every recorded change, newest first.
func (a *App) AuditLog(ctx context.Context, actor Actor, q store.AuditQuery) (AuditLog, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return AuditLog{}, err
	}
	page, err := store.ListAudit(ctx, a.db.Reader(), q)
	if err != nil {
		return AuditLog{}, err
	}
	return AuditLog{Entries: decodeAudit(page.Entries), Next: page.Next}, nil
}

// History is the audit trail of one record, newest first, for its page.
func (a *App) History(ctx context.Context, actor Actor, entity, id string, limit int) ([]AuditEntry, error) {
	page, err := store.ListAudit(ctx, a.db.Reader(), store.AuditQuery{Entity: entity, EntityID: id, Limit: limit})
	if err != nil {
		return nil, err
	}
	trail, err := store.ImportTrail(ctx, a.db.Reader(), entity, id) // created by a contact import
	if err != nil {
		return nil, err
	}
	return decodeAudit(store.MergeTrail(page.Entries, trail, limit, store.NewerByID)), nil
}
