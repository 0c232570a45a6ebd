package store

import (
	"context"
	"database/sql"
	"time"
)

// Rule is an automation rule as stored; Definition is its JSON.
type Rule struct {
	ID         string
	Name       string
	Event      string
	Definition string
	Enabled    bool
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	CreatedBy  string
}

// RuleRun is one run of a rule with its outcome.
type RuleRun struct {
	ID       string
	RuleID   string
	Event    string
	Entity   string
	EntityID string
	Status   string // ok, failed, skipped, queued
	Error    string
	Depth    int
	At       time.Time
}

const ruleColumns = `id, name, event, definition, enabled, version, created_at, updated_at, COALESCE(created_by, '')`

func scanRule(row rowScanner) (Rule, error) {
	var r Rule
	var created, updated string
	if err := row.Scan(&r.ID, &r.Name, &r.Event, &r.Definition, &r.Enabled, &r.Version, &created, &updated, &r.CreatedBy); err != nil {
		return Rule{}, translate(err)
	}
	r.CreatedAt, r.UpdatedAt = ParseTime(created), ParseTime(updated)
	return r, nil
}

// InsertRule stores a new rule.
func InsertRule(ctx context.Context, tx *Tx, r Rule) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO automation_rules (id, name, event, definition, enabled, created_at, updated_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Name, r.Event, r.Definition, r.Enabled, FormatTime(tx.Now), FormatTime(tx.Now), nullString(r.CreatedBy))
	return translate(err)
}

// UpdateRule replaces a rule's definition if it is still at r.Version.
func UpdateRule(ctx context.Context, tx *Tx, r Rule) error {
	res, err := tx.ExecContext(ctx, `UPDATE automation_rules SET name = ?, event = ?, definition = ?, enabled = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, r.Name, r.Event, r.Definition, r.Enabled, FormatTime(tx.Now), r.ID, r.Version)
	return changedOne(res, err)
}

// DeleteRule removes a rule with its runs and queued work.
func DeleteRule(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM automation_rules WHERE id = ?`, id)
	return changedOne(res, err)
}

// RuleByID loads one rule.
func RuleByID(ctx context.Context, q Querier, id string) (Rule, error) {
	return scanRule(q.QueryRowContext(ctx, `SELECT `+ruleColumns+` FROM automation_rules WHERE id = ?`, id))
}

// Rules lists every rule, oldest first (the order they run in).
func Rules(ctx context.Context, q Querier) ([]Rule, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+ruleColumns+` FROM automation_rules ORDER BY created_at, id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// InsertRuleRun logs one run.
func InsertRuleRun(ctx context.Context, tx *Tx, r RuleRun) error {
	_, err := tx.exec(ctx, `INSERT INTO automation_runs (id, rule_id, event, entity, entity_id, status, error, depth, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.RuleID, r.Event, r.Entity, r.EntityID, r.Status, r.Error, r.Depth, FormatTime(tx.Now))
	return translate(err)
}

// RuleRuns lists a rule's latest runs (all rules when ruleID is ""),
// newest first.
func RuleRuns(ctx context.Context, q Querier, ruleID string, limit int) ([]RuleRun, error) {
	query := `SELECT id, rule_id, event, entity, entity_id, status, error, depth, at FROM automation_runs WHERE rule_id = ? ORDER BY at DESC, id DESC LIMIT ?`
	args := []any{ruleID, limit}
	if ruleID == "" {
		query = `SELECT id, rule_id, event, entity, entity_id, status, error, depth, at FROM automation_runs ORDER BY at DESC, id DESC LIMIT ?`
		args = []any{limit}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []RuleRun
	for rows.Next() {
		var r RuleRun
		var at string
		if err := rows.Scan(&r.ID, &r.RuleID, &r.Event, &r.Entity, &r.EntityID, &r.Status, &r.Error, &r.Depth, &at); err != nil {
			return nil, translate(err)
		}
		r.At = ParseTime(at)
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// QueuedRun is a delayed rule run waiting for its time.
type QueuedRun struct {
	ID       string
	RuleID   string
	Event    string
	DueAt    time.Time
	Attempts int
}

// EnqueueRun stores a delayed run.
func EnqueueRun(ctx context.Context, tx *Tx, q QueuedRun) error {
	_, err := tx.exec(ctx, `INSERT INTO automation_queue (id, rule_id, event, due_at, created_at) VALUES (?, ?, ?, ?, ?)`,
		q.ID, q.RuleID, q.Event, FormatTime(q.DueAt), FormatTime(tx.Now))
	return translate(err)
}

// DueRuns lists queued runs due at now, oldest first.
func DueRuns(ctx context.Context, q Querier, now time.Time, limit int) ([]QueuedRun, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, rule_id, event, due_at, attempts FROM automation_queue
		WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?`, FormatTime(now), limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []QueuedRun
	for rows.Next() {
		var r QueuedRun
		var due string
		if err := rows.Scan(&r.ID, &r.RuleID, &r.Event, &due, &r.Attempts); err != nil {
			return nil, translate(err)
		}
		r.DueAt = ParseTime(due)
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// FinishRun marks a queued run done.
func FinishRun(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.ExecContext(ctx, `UPDATE automation_queue SET done_at = ?, attempts = attempts + 1 WHERE id = ?`, FormatTime(tx.Now), id)
	return translate(err)
}

// RetryRun puts a queued run off until next after a failure.
func RetryRun(ctx context.Context, tx *Tx, id string, next time.Time, problem string) error {
	_, err := tx.ExecContext(ctx, `UPDATE automation_queue SET due_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?`, FormatTime(next), problem, id)
	return translate(err)
}

// NextRoundRobin advances a rule action's round-robin cursor over n users
// and returns the position to use now.
func NextRoundRobin(ctx context.Context, tx *Tx, ruleID string, action, n int) (int, error) {
	var pos int
	err := tx.queryRow(ctx, `INSERT INTO automation_cursors (rule_id, action, position) VALUES (?, ?, 0)
		ON CONFLICT (rule_id, action) DO UPDATE SET position = (position + 1) % ? RETURNING position`, ruleID, action, n).Scan(&pos)
	return pos % n, translate(err)
}

// MarkFired records that a time-based trigger fired for a record and
// occasion; false when it already had.
func MarkFired(ctx context.Context, tx *Tx, ruleID, entityID, key string) (bool, error) {
	return insertedOne(tx.ExecContext(ctx, `INSERT INTO automation_fired (rule_id, entity_id, key, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		ruleID, entityID, key, FormatTime(tx.Now)))
}

// changedOne turns "no row matched" into ErrNotFound.
func changedOne(res sql.Result, err error) error {
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
