package store

import (
	"context"
	"database/sql"
	"strings"
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
	// Photo is the version of the contact's photo, "" when it has none:
	// the list shows a thumbnail only for those that have one.
	Photo string
	Tags  []Tag
}

// ContactPage is one page of a contact list.
type ContactPage struct {
	Rows       []ContactRow
	NextCursor string // "" on the last page
}

// contactsFrom is the list's FROM: the contacts, or for a custom sort
// the field's values (or the lead scores) first, then their contacts, or
// for a tag's contacts by name the tag's links in name order first.
func contactsFrom(q ListQuery) string {
	customSort, sortField := q.SortField != "" && !q.Trashed, q.SortField
	if byTagAndName(q) {
		return "contact_tags l CROSS JOIN contacts c ON l.tag_id = ? AND c.id = l.contact_id"
	}
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
	case byTagAndName(q): // the FROM starts at the tag's links
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
	return contactPageSQL(q, contactRowColumns+`, `+contactCardColumn, `
		LEFT JOIN companies co ON co.id = c.company_id
		LEFT JOIN users u ON u.id = c.owner_id`)
}

// contactRowColumns is what a list row shows beyond the contact's card:
// the names of its company, owner and trasher, and its photo's version,
// as one JSON array (see decodeContactRow; one column costs the driver
// less than four). The rest comes from the card beside it.
const contactRowColumns = `json_array(co.name, u.name, (SELECT name FROM users WHERE id = c.deleted_by),
		(SELECT updated_at FROM contact_photos WHERE contact_id = c.id))`

// decodeContactRow reads contactRowColumns and the card beside them, and
// the sort name and raw times for the cursor. The row's email and phone
// are the primary ones: the first in their stored order.
func decodeContactRow(row, cardText string, arena *cardArena) (r ContactRow, sortName, created, updated, deleted string, err error) {
	var buf [4]string
	v, err := jsonValues(row, buf[:0])
	if err != nil || len(v) != len(buf) {
		return r, "", "", "", "", errJSONRows
	}
	card, err := decodeContactCard(cardText, arena)
	if err != nil {
		return r, "", "", "", "", err
	}
	own := card.own[:] // in contactColumns' order
	r = ContactRow{ID: own[0], DisplayName: own[3], Title: own[5], LifecycleStatus: own[16], CompanyID: own[6], CompanyName: v[0],
		OwnerID: own[17], OwnerName: v[1], CreatedAt: ParseTime(own[20]), UpdatedAt: ParseTime(own[22]), DeletedAt: ParseTime(own[24]),
		DeletedBy: own[25], DeletedByName: v[2], Photo: v[3]}
	if len(card.emails) > 0 {
		r.Email = card.emails[0].Value
	}
	if len(card.phones) > 0 {
		r.Phone = card.phones[0].Value
	}
	r.Tags = card.tags
	return r, own[4], own[20], own[22], own[24], nil
}

// ContactRecordsSQL builds the page query of ListContactRecords: whole
// contacts (their own columns and their cards) read beside the list's own
// keys, not looked up again by id.
func ContactRecordsSQL(q ListQuery) (string, []any, error) {
	return contactPageSQL(q, contactRecord, "")
}

// contactPageSQL is the keyset query of a page of q: columns, then under
// a custom sort its value, from the contacts and the joins.
func contactPageSQL(q ListQuery, columns, joins string) (string, []any, error) {
	w := contactWhere(q)
	if w.err != nil {
		return "", nil, w.err
	}
	spec, err := contactSort(q)
	if err != nil {
		return "", nil, err
	}
	sortValue, joinArgs := "", []any{}
	switch {
	case byTagAndName(q):
		// The cursor is made of the sort name the page walked: were the
		// link's copy ever to differ from the contact's, the next page
		// would still start after this one instead of going round.
		sortValue, joinArgs = ", l.sort_name", []any{q.TagID}
	case q.Trashed:
	case q.SortField == ScoreSort:
		sortValue = ", sv.score"
	case q.SortField != "":
		// Walks custom_values_value for the field, in value order: the
		// CROSS JOIN keeps SQLite from starting at contacts and sorting.
		sortValue, joinArgs = ", sv.value", []any{q.SortField}
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
	query := `SELECT ` + columns + sortValue + `
		FROM ` + contactsFrom(q) + joins + w.sql() + ` ORDER BY ` + spec.orderBy() + ` LIMIT ?`
	args := append(joinArgs, w.args...)
	return query, append(args, clampLimit(q.Limit)+1), nil
}

// contactScanDest adds to a contact page's scan destinations the value
// its statement ends each row with: a custom sort's value, or a tag's
// link's sort name (byTagAndName).
func contactScanDest(q ListQuery, extra *any, dest ...any) []any {
	if byTagAndName(q) {
		return append(dest, extra)
	}
	return withSortValue(q, extra, dest...)
}

// contactCursorValues are cursorValues, made for a tag's contacts by name
// of the link's sort name the page walked.
func contactCursorValues(q ListQuery, sortName, created, updated, deleted, owner, id string, extra any) []string {
	if byTagAndName(q) {
		switch v := extra.(type) {
		case string:
			sortName = v
		case []byte:
			sortName = string(v)
		}
	}
	return cursorValues(q, sortName, created, updated, deleted, owner, id, extra)
}

// byTagAndName tells whether q lists a tag's contacts by name, which
// walks the tag's links in name order (contact_tags_name) and looks up
// only the contacts it shows.
func byTagAndName(q ListQuery) bool {
	sort := strings.TrimPrefix(q.Sort, "-")
	return q.TagID != "" && !q.Trashed && q.SortField == "" && (sort == "" || sort == "name")
}

// contactSort is the order of q's page.
func contactSort(q ListQuery) (spec sortSpec, err error) {
	switch {
	case byTagAndName(q):
		spec = sortSpec{keys: []string{"l.sort_name", "l.contact_id"}, desc: strings.HasPrefix(q.Sort, "-")}
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

// ListContacts returns one page of contacts, in one statement after the
// kept counts that tell a broad filter from a narrow one.
func ListContacts(ctx context.Context, db Querier, q ListQuery) (ContactPage, error) {
	page := ContactPage{Rows: make([]ContactRow, 0, clampLimit(q.Limit))}
	var err error
	var row, card string
	var custom any
	var dest []any // the same for every row of the page
	arena := &cardArena{}
	page.NextCursor, err = contactList.readPage(ctx, db, q, ContactListSQL, func(rows *sql.Rows, q ListQuery) ([]string, error) {
		if dest == nil {
			dest = contactScanDest(q, &custom, &row, &card)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		r, sortName, created, updated, deleted, err := decodeContactRow(row, card, arena)
		if err != nil {
			return nil, err
		}
		page.Rows = append(page.Rows, r)
		return contactCursorValues(q, sortName, created, updated, deleted, r.OwnerID, r.ID, custom), nil
	})
	return page, err
}

// ListContactRecords is ListContacts for callers that show whole
// contacts (the API): the page's contacts come from the list's statement,
// with their cards.
func ListContactRecords(ctx context.Context, db Querier, q ListQuery) (RecordPage[Contact], error) {
	page := RecordPage[Contact]{Records: make([]Contact, 0, clampLimit(q.Limit))}
	var err error
	record := contactRecordScan{arena: &cardArena{}}
	var custom any
	var dest []any // the same for every row of the page
	page.NextCursor, err = contactList.readPage(ctx, db, q, ContactRecordsSQL, func(rows *sql.Rows, q ListQuery) ([]string, error) {
		if dest == nil {
			dest = contactScanDest(q, &custom, record.dest()...)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		c, err := record.contact()
		if err != nil {
			return nil, err
		}
		page.Records = append(page.Records, c)
		k := record.keys
		return contactCursorValues(q, c.SortName, k.created, k.updated, k.deleted, c.OwnerID, c.ID, custom), nil
	})
	return page, err
}

// contactList reads pages of contacts.
var contactList = pagedList{broad: broadContactQuery, sort: contactSort}

// broadContactQuery sets q.Broad from the kept counts, unless the page's
// statement is the same either way (broadIrrelevant): then the counts are
// not read.
func broadContactQuery(ctx context.Context, db Querier, q ListQuery) (ListQuery, error) {
	if q.Trashed || broadIrrelevant(q) {
		return q, nil
	}
	var err error
	q.Broad, err = isBroad(ctx, db, contactCountFilters(q)...)
	if err == nil {
		q.Broad, err = broadWithConditions(ctx, db, "contact", q, q.Broad, contactCountFilters(q))
	}
	return q, err
}

// broadIrrelevant tells whether q's statement is written the same whether
// its filters are broad or not: a list by name with no conditions, whose
// filter indexes all end in the name, and whose tag (if any) is walked
// from its links (TestBroadIrrelevantListsReadTheSame).
func broadIrrelevant(q ListQuery) bool {
	return q.SortField == "" && sortsByName(q.Sort) && len(q.Conditions) == 0 && (q.TagID == "" || byTagAndName(q))
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
	if byTagAndName(q) {
		return `SELECT count(*) FROM ` + contactsFrom(q) + w.sql(), append([]any{q.TagID}, w.args...)
	}
	if q.SortField == ScoreSort && !q.Trashed {
		return `SELECT count(*) FROM ` + contactsFrom(q) + w.sql(), w.args
	}
	if q.SortField != "" && !q.Trashed { // the sorted list holds the records with a value
		return `SELECT count(*) FROM ` + contactsFrom(q) + w.sql(), append([]any{q.SortField}, w.args...)
	}
	return `SELECT count(*) FROM contacts c` + w.sql(), w.args
}
