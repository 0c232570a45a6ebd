package store

import (
	"context"
	"time"
)

// AuditEntry is one recorded change: who did what to which record.
type AuditEntry struct {
	ID       string
	At       time.Time
	ActorID  string // empty for the system or an anonymous CLI call
	Action   string
	Entity   string
	EntityID string
	Details  string // JSON
}

// InsertAudit records e inside the transaction that made the change.
func InsertAudit(ctx context.Context, tx *Tx, e AuditEntry) error {
	var actor any
	if e.ActorID != "" {
		actor = e.ActorID
	}
	if e.Details == "" {
		e.Details = "{}"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.ID, FormatTime(tx.Now), actor, e.Action, e.Entity, e.EntityID, e.Details)
	return translate(err)
}

// AuditForEntity lists the newest changes to one record first, at most limit.
func AuditForEntity(ctx context.Context, r Querier, entity, entityID string, limit int) ([]AuditEntry, error) {
	rows, err := r.QueryContext(ctx, `SELECT id, at, coalesce(actor_id, ''), action, entity, entity_id, details
		FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?`, entity, entityID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Action, &e.Entity, &e.EntityID, &e.Details); err != nil {
			return nil, err
		}
		e.At = ParseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
