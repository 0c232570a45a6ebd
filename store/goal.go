package store

import (
	"context"
	"database/sql"
	"time"
)

// Goal is a target on a metric by a deadline, for the team (UserID "") or
// one user, with the baseline recorded when it was set.
type Goal struct {
	ID        string
	Name      string
	Metric    string
	UserID    string
	Currency  string
	Target    int64
	Baseline  int64
	StartsAt  time.Time
	Deadline  time.Time
	CreatedAt time.Time
	CreatedBy string
	Version   int // bumped by each change (the API's optimistic check)
}

// InsertGoal adds g, created at the transaction's time.
func InsertGoal(ctx context.Context, tx *Tx, g Goal) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO goals (id, name, metric, user_id, currency, target, baseline, starts_at, deadline, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, g.ID, g.Name, g.Metric, nullString(g.UserID), g.Currency, g.Target, g.Baseline,
		FormatTime(g.StartsAt), FormatTime(g.Deadline), FormatTime(tx.Now), nullString(g.CreatedBy))
	return translate(err)
}

// TrashGoal removes a goal from every list.
func TrashGoal(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.ExecContext(ctx, `UPDATE goals SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, FormatTime(tx.Now), id)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const goalColumns = `id, name, metric, coalesce(user_id, ''), currency, target, baseline, starts_at, deadline, created_at, coalesce(created_by, ''), version`

func scanGoal(row interface{ Scan(...any) error }) (Goal, error) {
	var g Goal
	var starts, deadline, created string
	err := row.Scan(&g.ID, &g.Name, &g.Metric, &g.UserID, &g.Currency, &g.Target, &g.Baseline, &starts, &deadline, &created, &g.CreatedBy, &g.Version)
	g.StartsAt, g.Deadline, g.CreatedAt = ParseTime(starts), ParseTime(deadline), ParseTime(created)
	return g, err
}

// GetGoal reads one live goal.
func GetGoal(ctx context.Context, q Querier, id string) (Goal, error) {
	g, err := scanGoal(q.QueryRowContext(ctx, `SELECT `+goalColumns+` FROM goals WHERE id = ? AND deleted_at IS NULL`, id))
	if err == sql.ErrNoRows {
		return g, ErrNotFound
	}
	return g, err
}

// ListGoals lists the live goals whose deadline is after since, soonest
// deadline first; userID limits them to that user's and the team's.
func ListGoals(ctx context.Context, q Querier, since time.Time, userID string, all bool) ([]Goal, error) {
	query := `SELECT ` + goalColumns + ` FROM goals WHERE deleted_at IS NULL AND deadline > ?`
	args := []any{FormatTime(since)}
	if !all {
		query += ` AND (user_id IS NULL OR user_id = ?)`
		args = append(args, userID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY deadline, id LIMIT 100`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Goal
	for rows.Next() {
		g, err := scanGoal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// UpdateGoal saves a live goal's name, target, baseline and deadline.
func UpdateGoal(ctx context.Context, tx *Tx, g Goal) error {
	res, err := tx.ExecContext(ctx, `UPDATE goals SET name = ?, target = ?, baseline = ?, deadline = ?, version = version + 1 WHERE id = ? AND deleted_at IS NULL`,
		g.Name, g.Target, g.Baseline, FormatTime(g.Deadline), g.ID)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
