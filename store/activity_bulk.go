package store

import (
	"context"
	"database/sql"
)

// Bulk loads for generated demo data, a hundred rows per statement.

// InsertActivities adds many activities with their links.
func InsertActivities(ctx context.Context, tx *Tx, list []Activity) error {
	var acts, links [][]any
	for _, a := range list {
		at, created := FormatTime(a.OccurredAt), orNow(a.CreatedAt, tx)
		acts = append(acts, []any{a.ID, a.TypeID, at, nullInt(a.DurationMinutes), a.Outcome, a.Body, nullString(a.UserID),
			1, created, nullString(a.CreatedBy), created, nullString(a.CreatedBy)})
		for _, l := range a.Links {
			links = append(links, []any{l.Entity, l.ID, a.ID, at})
		}
	}
	if err := insertRows(ctx, tx, `INSERT INTO activities (id, type_id, occurred_at, duration_minutes, outcome, body, user_id,
		version, created_at, created_by, updated_at, updated_by)`, acts); err != nil {
		return err
	}
	return insertRows(ctx, tx, `INSERT OR IGNORE INTO activity_links (entity, entity_id, activity_id, occurred_at)`, links)
}

// InsertTasks adds many tasks with their links.
func InsertTasks(ctx context.Context, tx *Tx, list []Task) error {
	var tasks, links [][]any
	for _, t := range list {
		created := orNow(t.CreatedAt, tx)
		tasks = append(tasks, []any{t.ID, t.Title, t.Notes, nullTime(t.DueAt), nullString(t.DueDate), t.TimeZone,
			nullString(t.AssigneeID), t.Priority, nullTime(t.DoneAt), nullString(t.DoneBy), t.Recurrence, nullString(t.SeriesID),
			nullString(t.SeriesStart), nullString(t.Occurrence), nullTime(t.SnoozedUntil), t.DueKey,
			1, created, nullString(t.CreatedBy), created, nullString(t.CreatedBy)})
		for _, l := range t.Links {
			links = append(links, []any{l.Entity, l.ID, t.ID})
		}
	}
	if err := insertRows(ctx, tx, `INSERT INTO tasks (id, title, notes, due_at, due_date, time_zone, assignee_id, priority,
		done_at, done_by, recurrence, series_id, series_start, occurrence, snoozed_until, due_key,
		version, created_at, created_by, updated_at, updated_by)`, tasks); err != nil {
		return err
	}
	return insertRows(ctx, tx, `INSERT OR IGNORE INTO task_links (entity, entity_id, task_id)`, links)
}

// ContactCompanies lists every live contact id with its company id (""
// for none), in id order, for generating linked demo data.
func ContactCompanies(ctx context.Context, q Querier) (ids, companies []string, err error) {
	rows, err := q.QueryContext(ctx, `SELECT id, company_key FROM contacts WHERE deleted_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	err = eachRow(rows, func() error {
		var id string
		var co sql.NullString
		err := rows.Scan(&id, &co)
		ids, companies = append(ids, id), append(companies, co.String)
		return err
	})
	return ids, companies, err
}
