package store

import (
	"context"
	"database/sql"
	"time"
)

// ContactRow is a contact as lists show it.
type ContactRow struct {
	ID              string
	DisplayName     string
	Title           string
	LifecycleStatus string
	CompanyID       string
	CompanyName     string
	OwnerID         string
	OwnerName       string
	Email           string // the primary one
	Phone           string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	DeletedAt       time.Time
	DeletedBy       string // who trashed it, for the trash page
	DeletedByName   string
	Tags            []Tag
}

// ContactPage is one page of a contact list.
type ContactPage struct {
	Rows       []ContactRow
	NextCursor string // "" on the last page
}

// contactsFrom is the list's FROM: the contacts, or for a custom sort
// the field's values (or the lead scores) first, then their contacts.
func contactsFrom(customSort bool, sortField string) string {
	if customSort && sortField == ScoreSort {
		return "contact_scores sv CROSS JOIN contacts c ON c.id = sv.contact_id"
	}
	if customSort {
		return "custom_values sv CROSS JOIN contacts c ON sv.field_id = ? AND c.id = sv.record_id"
	}
	return "contacts c"
}

func contactWhere(q ListQuery) where {
	var w where
	if q.Trashed {
		w.add("c.deleted_at IS NOT NULL")
	} else {
		w.add("c.deleted_at IS NULL")
	}
	if q.Status != "" {
		w.add(filterColumn(q, "c.lifecycle_status")+" = ?", q.Status)
	}
	w.refFilter(filterColumn(q, "c.owner_key"), q.Owner)
	w.refFilter(filterColumn(q, "c.company_key"), q.Company)
	switch {
	case q.TagID != "" && q.Broad:
		w.add("EXISTS (SELECT 1 FROM contact_tags WHERE tag_id = ? AND contact_id = c.id)", q.TagID)
	case q.TagID != "":
		w.add("c.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?)", q.TagID)
	}
	conds := q.Conditions
	if q.SortField == ScoreSort && !q.Trashed {
		conds = w.scoreRange(conds)
	} else if q.SortField != "" && !q.Trashed {
		conds = w.sortFieldRange(q.SortField, conds)
	}
	if err := w.addConditions("contact", conds, q.Broad); err != nil {
		w.err = err
	}
	return w
}

// ContactListSQL builds the page query for q, for ListContacts and for
// tests that check its plan.
func ContactListSQL(q ListQuery) (string, []any, error) {
	w := contactWhere(q)
	if w.err != nil {
		return "", nil, w.err
	}
	spec, err := contactSort(q)
	if err != nil {
		return "", nil, err
	}
	join, sortValue, joinArgs := "", "''", []any{}
	switch {
	case q.Trashed:
	case q.SortField == ScoreSort:
		sortValue = "sv.score"
	case q.SortField != "":
		// Walks custom_values_value for the field, in value order: the
		// CROSS JOIN keeps SQLite from starting at contacts and sorting.
		join, sortValue, joinArgs = "", "sv.value", []any{q.SortField}
	}
	if q.Cursor != "" {
		cond, args, err := spec.after(q.Cursor)
		if err != nil {
			return "", nil, err
		}
		if q.SortField != "" {
			args[0] = customCursorValue(args[0].(string))
		}
		w.add(cond, args...)
	}
	query := `SELECT c.id, c.display_name, c.title, c.lifecycle_status, coalesce(c.company_id, ''), coalesce(co.name, ''),
		c.owner_key, coalesce(u.name, ''), c.sort_name, c.created_at, c.updated_at, c.deleted_at,
		coalesce((SELECT value FROM contact_emails WHERE contact_id = c.id AND position = 0), ''),
		coalesce((SELECT value FROM contact_phones WHERE contact_id = c.id AND position = 0), ''),
		coalesce(c.deleted_by, ''), coalesce((SELECT name FROM users WHERE id = c.deleted_by), ''), ` + sortValue + `
		FROM ` + contactsFrom(q.SortField != "" && !q.Trashed, q.SortField) + join + `
		LEFT JOIN companies co ON co.id = c.company_id
		LEFT JOIN users u ON u.id = c.owner_id` + w.sql() + ` ORDER BY ` + spec.orderBy() + ` LIMIT ?`
	args := append(joinArgs, w.args...)
	return query, append(args, clampLimit(q.Limit)+1), nil
}

// contactSort is the order of q's page.
func contactSort(q ListQuery) (spec sortSpec, err error) {
	switch {
	case q.Trashed:
		spec = sortSpec{keys: []string{"c.deleted_at", "c.id"}, desc: true}
	case q.SortField == ScoreSort:
		spec = sortSpec{keys: []string{"sv.score", "sv.contact_id"}, desc: q.Sort == "-"}
	case q.SortField != "":
		spec = sortSpec{keys: []string{"sv.value", "sv.record_id"}, desc: q.Sort == "-"}
	default:
		spec, err = sortFor("c", q.Sort)
	}
	spec.list = "contacts"
	return spec, err
}

// ListContacts returns one page of contacts.
func ListContacts(ctx context.Context, db Querier, q ListQuery) (ContactPage, error) {
	if !q.Trashed {
		var err error
		q.Broad, err = isBroad(ctx, db, contactCountFilters(q)...)
		if err == nil {
			q.Broad, err = broadWithConditions(ctx, db, "contact", q, q.Broad, contactCountFilters(q))
		}
		if err != nil {
			return ContactPage{}, err
		}
	}
	query, args, err := ContactListSQL(q)
	if err != nil {
		return ContactPage{}, err
	}
	spec, _ := contactSort(q) // ContactListSQL checked it
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return ContactPage{}, err
	}
	defer rows.Close()
	var page ContactPage
	var last []string
	limit := clampLimit(q.Limit)
	for rows.Next() {
		var r ContactRow
		var sortName, created, updated string
		var deleted sql.NullString
		var custom any
		if err := rows.Scan(&r.ID, &r.DisplayName, &r.Title, &r.LifecycleStatus, &r.CompanyID, &r.CompanyName,
			&r.OwnerID, &r.OwnerName, &sortName, &created, &updated, &deleted, &r.Email, &r.Phone, &r.DeletedBy, &r.DeletedByName, &custom); err != nil {
			return ContactPage{}, err
		}
		if len(page.Rows) == limit {
			page.NextCursor = spec.cursor(last)
			break
		}
		r.CreatedAt, r.UpdatedAt, r.DeletedAt = ParseTime(created), ParseTime(updated), parseNullTime(deleted)
		page.Rows = append(page.Rows, r)
		switch {
		case q.Trashed:
			last = []string{deleted.String, r.ID}
		case q.SortField != "":
			last = []string{customCursorText(custom), r.ID}
		default:
			last = sortValues(q.Sort, sortName, created, updated, r.OwnerID, r.ID)
		}
	}
	if err := rows.Err(); err != nil {
		return ContactPage{}, err
	}
	// Free this reader before asking for another: a request that holds one
	// connection while waiting for a second can starve the pool under load.
	rows.Close()
	ids := make([]string, len(page.Rows))
	for i, r := range page.Rows {
		ids[i] = r.ID
	}
	tags, err := TagsOf(ctx, db, "contact", ids)
	for i := range page.Rows {
		page.Rows[i].Tags = tags[page.Rows[i].ID]
	}
	return page, err
}

// CountContacts counts the contacts q matches, ignoring its cursor. With
// at most one filter the answer is kept in list_counts; combined filters
// count through the list's own index.
func CountContacts(ctx context.Context, db Querier, q ListQuery) (int, error) {
	if !q.Trashed {
		if kind, key, ok := keptCountKey("contacts", len(q.Conditions) > 0 || q.SortField != "", contactCountFilters(q)...); ok {
			return keptCount(ctx, db, kind, key)
		}
	}
	if !q.Trashed && (len(q.Conditions) > 0 || q.SortField != "") {
		if q.CountLater {
			return CountUnknown, nil
		}
	}
	query, args := ContactCountSQL(q)
	var n int
	err := db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

func contactCountFilters(q ListQuery) []countFilter {
	return []countFilter{byValue("contacts.status", q.Status), byRef("contacts.owner", q.Owner),
		byRef("contacts.company", q.Company), byValue("contacts.tag", q.TagID)}
}

// ContactCountSQL is the counting query for combined filters.
func ContactCountSQL(q ListQuery) (string, []any) {
	w := contactWhere(q)
	if q.SortField == ScoreSort && !q.Trashed {
		return `SELECT count(*) FROM ` + contactsFrom(true, ScoreSort) + w.sql(), w.args
	}
	if q.SortField != "" && !q.Trashed { // the sorted list holds the records with a value
		return `SELECT count(*) FROM ` + contactsFrom(true, q.SortField) + w.sql(), append([]any{q.SortField}, w.args...)
	}
	return `SELECT count(*) FROM contacts c` + w.sql(), w.args
}
