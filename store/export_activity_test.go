package store

// The SQL of the activity and task queries, for the query-plan tests.

func ActivityListSQL(aq ActivityQuery) (string, []any, error) { return activityListSQL(aq) }
func ActivityCountSQL(aq ActivityQuery) (string, []any)       { return activityCountSQL(aq) }
func TaskListSQL(tq TaskQuery) (string, []any, error)         { return taskListSQL(tq) }
func TaskCountSQL(tq TaskQuery) (string, []any)               { return taskCountSQL(tq) }
func TimelineAuditSQL(ref RecordRef, cursor string) (string, []any, error) {
	return timelineAuditSQL(ref, cursor, 26)
}
func BirthdaysSQL(owner, from, to string) (string, []any) { return birthdaysSQL(owner, from, to, 30) }

const (
	KeepInTouchDueSQL = keepInTouchDueSQL
	LastActivitySQL   = lastActivitySQL
)
