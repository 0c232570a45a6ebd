package store

import "time"

// ReportSQL is the SQL of every report query for f, by name, for the
// query-plan test.
func ReportSQL(f ReportFilter) map[string]struct {
	Query string
	Args  []any
} {
	out := map[string]struct {
		Query string
		Args  []any
	}{}
	add := func(name string, q string, args []any) {
		out[name] = struct {
			Query string
			Args  []any
		}{q, args}
	}
	q, a := openDealsByStageSQL(f)
	add("open deals by stage", q, a)
	q, a = openDealsByCloseMonthSQL(f)
	add("forecast", q, a)
	q, a = closedDealsSQL(f)
	add("closed deals", q, a)
	q, a = funnelReachSQL(f, map[string]int{"s1": 0, "s2": 1})
	add("funnel", q, a)
	q, a = stageStaysSQL(f)
	add("stage stays", q, a)
	q, a = newContactsSQL(f)
	add("new contacts", q, a)
	q, a = lifecycleChangesSQL(f)
	add("lifecycle changes", q, a)
	q, a = activityCountsSQL(f)
	add("activities", q, a)
	q, a = activityDaysSQL(f, f.From, f.To)
	add("activity days", q, a)
	q, a = auditUseSQL(f)
	add("audit use", q, a)
	q, a = tasksDoneSQL(f)
	add("tasks done", q, a)
	q, a = firstResponsesSQL(f, 24*time.Hour)
	add("first responses", q, a)
	return out
}
