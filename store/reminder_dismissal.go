package store

import (
	"context"
	"time"
)

// DismissReminder remembers that userID dismissed the reminder of taskID
// for the moment dueAt; dismissing twice is one dismissal.
func DismissReminder(ctx context.Context, tx *Tx, userID, taskID string, dueAt time.Time) error {
	_, err := tx.exec(ctx, `INSERT OR IGNORE INTO reminder_dismissals (user_id, task_id, due_at, dismissed_at) VALUES (?, ?, ?, ?)`,
		userID, taskID, FormatTime(dueAt), FormatTime(tx.Now))
	return translate(err)
}

// DismissedReminders are the (task, due moment) pairs userID dismissed
// among taskIDs, keyed by task ID and FormatTime of the moment.
func DismissedReminders(ctx context.Context, q Querier, userID string, taskIDs []string) (map[[2]string]bool, error) {
	out := map[[2]string]bool{}
	if len(taskIDs) == 0 {
		return out, nil
	}
	args := []any{userID}
	marks := ""
	for i, id := range taskIDs {
		if i > 0 {
			marks += ", "
		}
		marks += "?"
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, `SELECT task_id, due_at FROM reminder_dismissals WHERE user_id = ? AND task_id IN (`+marks+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var task, due string
		if err := rows.Scan(&task, &due); err != nil {
			return nil, err
		}
		out[[2]string{task, due}] = true
	}
	return out, rows.Err()
}
