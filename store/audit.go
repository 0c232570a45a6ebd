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
	_, err := tx.exec(ctx, `INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.ID, FormatTime(tx.Now), actor, e.Action, e.Entity, e.EntityID, e.Details)
	return translate(err)
}

// AuditQuery filters the global audit log; it pages newest first by id.
type AuditQuery struct {
	Entity   string
	EntityID string // with Entity: one record's history
	Action   string
	ActorID  string
	Before   string // the id of the last entry of the previous page
	Limit    int
}

// AuditPage is one page of the audit log with actor names resolved.
type AuditPage struct {
	Entries []AuditRow
	Next    string // pass as Before for the next page; "" on the last
}

// AuditRow is an audit entry with its actor's name.
type AuditRow struct {
	AuditEntry
	ActorName string
}

// ListAudit returns one page of the audit log.
func ListAudit(ctx context.Context, q Querier, aq AuditQuery) (AuditPage, error) {
	var w where
	if aq.Entity != "" {
		w.add("a.entity = ?", aq.Entity)
	}
	if aq.EntityID != "" {
		w.add("a.entity_id = ?", aq.EntityID)
	}
	if aq.Action != "" {
		w.add("a.action = ?", aq.Action)
	}
	if aq.ActorID != "" {
		w.add("a.actor_id = ?", aq.ActorID)
	}
	if aq.Before != "" {
		w.add("a.id < ?", aq.Before)
	}
	limit := clampLimit(aq.Limit)
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.at, coalesce(a.actor_id, ''), coalesce(u.name, ''), a.action, a.entity, a.entity_id, a.details
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id`+w.sql()+` ORDER BY a.id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return AuditPage{}, err
	}
	defer rows.Close()
	var page AuditPage
	for rows.Next() {
		var r AuditRow
		var at string
		if err := rows.Scan(&r.ID, &at, &r.ActorID, &r.ActorName, &r.Action, &r.Entity, &r.EntityID, &r.Details); err != nil {
			return AuditPage{}, err
		}
		if len(page.Entries) == limit {
			page.Next = page.Entries[limit-1].ID
			break
		}
		r.At = ParseTime(at)
		page.Entries = append(page.Entries, r)
	}
	return page, rows.Err()
}
