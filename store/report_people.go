package store

import (
	"context"
	"strings"
	"time"
)

// ContactCount is how many contacts of one source and lifecycle status
// were created in a period.
type ContactCount struct {
	Source string
	Status string
	Count  int
}

// NewContacts counts the contacts created in [f.From, f.To) by source and
// status. Callers split a report into buckets (weeks, months in the
// reader's zone) by calling it once per bucket: each call is one range
// of the contacts_period index, and the buckets stay exact in any zone.
func NewContacts(ctx context.Context, q Querier, f ReportFilter) ([]ContactCount, error) {
	query, args := newContactsSQL(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ContactCount
	for rows.Next() {
		var c ContactCount
		if err := rows.Scan(&c.Source, &c.Status, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LifecycleChanges counts the contacts that entered each lifecycle status
// in [f.From, f.To), created in it or moved to it by an edit (from the
// audit log), for customers won and churned.
func LifecycleChanges(ctx context.Context, q Querier, f ReportFilter) (map[string]int, error) {
	query, args := lifecycleChangesSQL(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, err
		}
		out[status] = n
	}
	return out, rows.Err()
}

// ActivityCount is how many activities of one type one user logged.
type ActivityCount struct {
	UserID string // "" when nobody is named
	TypeID string
	Count  int
}

// ActivityCounts counts the activities that happened in [f.From, f.To)
// by user and type (one bucket; see NewContacts): whole UTC days from the
// activity_days summary, the partial days at either edge from the
// activities themselves.
func ActivityCounts(ctx context.Context, q Querier, f ReportFilter) ([]ActivityCount, error) {
	sums := map[[2]string]int{}
	add := func(query string, args []any) error {
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key [2]string
			var n int
			if err := rows.Scan(&key[0], &key[1], &n); err != nil {
				return err
			}
			sums[key] += n
		}
		return rows.Err()
	}
	for _, part := range activityParts(f) {
		if err := add(part.query, part.args); err != nil {
			return nil, err
		}
	}
	out := make([]ActivityCount, 0, len(sums))
	for k, n := range sums {
		if n != 0 {
			out = append(out, ActivityCount{UserID: k[0], TypeID: k[1], Count: n})
		}
	}
	return out, nil
}

// sqlPart is one query of a report made of several.
type sqlPart struct {
	query string
	args  []any
}

// activityParts splits [f.From, f.To) into the whole UTC days, read from
// activity_days, and the hours before and after them, read from
// activities.
func activityParts(f ReportFilter) []sqlPart {
	from, to := f.From.UTC(), f.To.UTC()
	firstDay := from.Truncate(24 * time.Hour)
	if firstDay.Before(from) {
		firstDay = firstDay.Add(24 * time.Hour)
	}
	lastDay := to.Truncate(24 * time.Hour)
	if !firstDay.Before(lastDay) {
		query, args := activityCountsSQL(f)
		return []sqlPart{{query, args}}
	}
	var parts []sqlPart
	for _, edge := range [][2]time.Time{{from, firstDay}, {lastDay, to}} {
		if edge[0].Before(edge[1]) {
			ef := f
			ef.From, ef.To = edge[0], edge[1]
			query, args := activityCountsSQL(ef)
			parts = append(parts, sqlPart{query, args})
		}
	}
	query, args := activityDaysSQL(f, firstDay, lastDay)
	return append(parts, sqlPart{query, args})
}

func activityDaysSQL(f ReportFilter, firstDay, lastDay time.Time) (string, []any) {
	w := &where{}
	w.add("d.day >= ? AND d.day < ?", firstDay.Format(time.DateOnly), lastDay.Format(time.DateOnly))
	if f.OwnerID != "" {
		w.add("d.user_key = ?", f.OwnerID)
	}
	return `SELECT d.user_key, d.type_id, sum(d.n) FROM activity_days d` + w.sql() + ` GROUP BY 1, 2`, w.args
}

// UserUse is what one user did in the CRM in a period: logins, records
// created and updated (audit entries), tasks completed and how many of
// those on time.
type UserUse struct {
	UserID      string
	Logins      int
	Created     int
	Updated     int
	TasksDone   int
	TasksOnTime int
}

// Adoption gathers each user's use of the CRM in [f.From, f.To).
func Adoption(ctx context.Context, q Querier, f ReportFilter) (map[string]*UserUse, error) {
	out := map[string]*UserUse{}
	get := func(id string) *UserUse {
		if out[id] == nil {
			out[id] = &UserUse{UserID: id}
		}
		return out[id]
	}
	query, args := auditUseSQL(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var logins, created, updated int
		if err := rows.Scan(&id, &logins, &created, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		u := get(id)
		u.Logins, u.Created, u.Updated = logins, created, updated
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	query, args = tasksDoneSQL(f)
	rows, err = q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var done, onTime int
		if err := rows.Scan(&id, &done, &onTime); err != nil {
			return nil, err
		}
		u := get(id)
		u.TasksDone, u.TasksOnTime = done, onTime
	}
	return out, rows.Err()
}

// FirstResponses counts the contacts created in [f.From, f.To) and how
// many of them had an activity within the given time of their creation.
func FirstResponses(ctx context.Context, q Querier, f ReportFilter, within time.Duration) (total, reached int, err error) {
	query, args := firstResponsesSQL(f, within)
	err = q.QueryRowContext(ctx, query, args...).Scan(&total, &reached)
	return total, reached, err
}

// The SQL of each report on people, apart so the query-plan test reads it.

func newContactsSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("c.deleted_at IS NULL")
	w.add("c.created_at >= ? AND c.created_at < ?", FormatTime(f.From), FormatTime(f.To))
	f.contactFilters(w)
	return `SELECT c.lead_source, c.lifecycle_status, count(*) FROM contacts c INDEXED BY contacts_period` + w.sql() + ` GROUP BY 1, 2`, w.args
}

func lifecycleChangesSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("a.at >= ? AND a.at < ?", FormatTime(f.From), FormatTime(f.To))
	w.add("a.action IN ('contact.created', 'contact.updated')")
	if f.OwnerID != "" {
		w.add("a.actor_id = ?", f.OwnerID)
	}
	return `SELECT CASE a.action WHEN 'contact.created' THEN json_extract(a.details, '$.fields.lifecycle_status')
		ELSE json_extract(a.details, '$.changes.lifecycle_status.to') END AS status, count(*)
		FROM audit_log a INDEXED BY audit_log_period` + w.sql() + ` AND status IS NOT NULL GROUP BY 1`, w.args
}

func activityCountsSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("a.deleted_at IS NULL")
	w.add("a.occurred_at >= ? AND a.occurred_at < ?", FormatTime(f.From), FormatTime(f.To))
	if f.OwnerID != "" {
		w.add("a.user_key = ?", f.OwnerID)
	}
	return `SELECT a.user_key, a.type_id, count(*) FROM activities a INDEXED BY activities_period` + w.sql() + ` GROUP BY 1, 2`, w.args
}

func auditUseSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("a.at >= ? AND a.at < ?", FormatTime(f.From), FormatTime(f.To))
	w.add("a.actor_id IS NOT NULL")
	if f.OwnerID != "" {
		w.add("a.actor_id = ?", f.OwnerID)
	}
	return `SELECT a.actor_id, sum(a.action = 'user.login'), sum(a.action LIKE '%.created'), sum(a.action LIKE '%.updated')
		FROM audit_log a INDEXED BY audit_log_period` + w.sql() + ` GROUP BY 1`, w.args
}

// On time: done by the due moment, or (all-day tasks) on or before the
// due day in UTC; a task without a due date is always on time.
func tasksDoneSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("t.deleted_at IS NULL")
	w.add("t.done_at IS NOT NULL")
	w.add("t.done_at >= ? AND t.done_at < ?", FormatTime(f.From), FormatTime(f.To))
	w.add("t.done_by IS NOT NULL")
	if f.OwnerID != "" {
		w.add("t.done_by = ?", f.OwnerID)
	}
	return `SELECT t.done_by, count(*), sum(CASE WHEN t.due_at IS NOT NULL THEN t.done_at <= t.due_at
		WHEN t.due_date IS NOT NULL THEN substr(t.done_at, 1, 10) <= t.due_date ELSE 1 END)
		FROM tasks t INDEXED BY tasks_done_period` + w.sql() + ` GROUP BY 1`, w.args
}

func firstResponsesSQL(f ReportFilter, within time.Duration) (string, []any) {
	w := &where{}
	w.add("c.deleted_at IS NULL")
	w.add("c.created_at >= ? AND c.created_at < ?", FormatTime(f.From), FormatTime(f.To))
	f.contactFilters(w)
	return `SELECT count(*), coalesce(sum(first IS NOT NULL AND (julianday(first) - julianday(created_at)) * 86400 <= ?), 0) FROM (
		SELECT c.created_at, (SELECT min(l.occurred_at) FROM activity_links l WHERE l.entity = 'contact' AND l.entity_id = c.id) AS first
		FROM contacts c INDEXED BY contacts_period` + w.sql() + `)`, append([]any{int64(within / time.Second)}, w.args...)
}

// CountNewContacts counts the contacts created in [f.From, f.To), reading
// only the period's range of the index (no grouping).
func CountNewContacts(ctx context.Context, q Querier, f ReportFilter) (int64, error) {
	query, args := newContactsSQL(f)
	query = strings.Replace(strings.TrimSuffix(query, " GROUP BY 1, 2"), "SELECT c.lead_source, c.lifecycle_status, count(*)", "SELECT count(*)", 1)
	var n int64
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// CountPeriodActivities counts the activities of [f.From, f.To), from the
// day summary and the edges (see ActivityCounts).
func CountPeriodActivities(ctx context.Context, q Querier, f ReportFilter) (int64, error) {
	counts, err := ActivityCounts(ctx, q, f)
	var n int64
	for _, c := range counts {
		n += int64(c.Count)
	}
	return n, err
}
