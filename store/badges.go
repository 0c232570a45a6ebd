package store

import (
	"context"
	"time"
)

// BadgeCounts reads in one statement the two numbers the top bar shows a
// user: their open tasks due before dueBefore (overdue and due today) and
// their unread notifications. Each counts at most most+1 rows, so a user
// with thousands of overdue tasks costs what one with a hundred does.
func BadgeCounts(ctx context.Context, q Querier, userID string, dueBefore time.Time, most int) (tasks, unread int, err error) {
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM (SELECT 1 FROM tasks t WHERE t.deleted_at IS NULL AND t.assignee_key = ?1 AND t.done = 0
			AND t.due_key < ?2 LIMIT ?3)),
		(SELECT count(*) FROM (SELECT 1 FROM notifications WHERE user_id = ?1 AND read_at IS NULL LIMIT ?3))`,
		userID, FormatTime(dueBefore), most+1).Scan(&tasks, &unread)
	return tasks, unread, translate(err)
}
