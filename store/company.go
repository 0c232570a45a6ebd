package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"
)

// Company is an organisation the business works with.
type Company struct {
	ID       string
	Name     string
	SortName string
	Domain   string
	Website  string
	Industry string
	Size     string
	Phone    Phone
	Address  Address
	OwnerID  string
	Notes    string
	Tags     []Tag
	// CustomFields holds custom values by field key; app fills it.
	CustomFields map[string]any
	Stamp
}

const companyColumns = `id, name, sort_name, domain, website, industry, size, phone, phone_e164,
	address_street, address_city, address_region, address_postal_code, address_country, owner_id, notes,
	version, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by`

// InsertCompany adds c (tags are set apart).
func InsertCompany(ctx context.Context, tx *Tx, c Company) error {
	created, updated := orNow(c.CreatedAt, tx), orNow(c.UpdatedAt, tx)
	_, err := tx.exec(ctx, `INSERT INTO companies (`+companyColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, NULL)`,
		c.ID, c.Name, c.SortName, c.Domain, c.Website, c.Industry, c.Size, c.Phone.Value, c.Phone.E164,
		c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
		nullString(c.OwnerID), c.Notes, created, nullString(c.CreatedBy), updated, nullString(c.CreatedBy))
	return translate(err)
}

// UpdateCompany saves c if its stored version is still c.Version.
func UpdateCompany(ctx context.Context, tx *Tx, c Company) error {
	res, err := tx.exec(ctx, `UPDATE companies SET name = ?, sort_name = ?, domain = ?, website = ?, industry = ?,
		size = ?, phone = ?, phone_e164 = ?, address_street = ?, address_city = ?, address_region = ?,
		address_postal_code = ?, address_country = ?, owner_id = ?, notes = ?, version = version + 1,
		updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		c.Name, c.SortName, c.Domain, c.Website, c.Industry, c.Size, c.Phone.Value, c.Phone.E164,
		c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
		nullString(c.OwnerID), c.Notes, FormatTime(tx.Now), nullString(c.UpdatedBy), c.ID, c.Version)
	if err != nil {
		return translate(err)
	}
	return staleOrMissing(ctx, tx, res, "companies", c.ID)
}

// CompanyByID loads one company, trashed or not, with its tags, in one
// statement.
func CompanyByID(ctx context.Context, q Querier, id string) (Company, error) {
	return scanCompanyRecord(q.QueryRowContext(ctx, `SELECT `+companyRecord+` FROM companies co WHERE co.id = ?`, id), nil)
}

// companyRecord is a whole company of the row co in two columns: its own
// columns as one JSON array (see decodeCompany), and its tags as JSON rows.
var companyRecord = `json_array(` + qualify("co", companyColumns) + `), ` + companyTags

// companyTags are the tags of the row co as JSON rows (see decodeTags).
const companyTags = `(SELECT json_group_array(json_array(t.id, t.name, t.name_key, t.color)) FROM company_tags l
		JOIN tags t ON t.id = l.tag_id WHERE l.company_id = co.id)`

// scanCompanyRecord scans one companyRecord, then more; keys, when not
// nil, gets the raw times a list's cursor is made of.
func scanCompanyRecord(sc rowScanner, keys *[3]string, more ...any) (Company, error) {
	var row, tags string
	if err := sc.Scan(append([]any{&row, &tags}, more...)...); err != nil {
		return Company{}, translate(err)
	}
	var buf [23]string
	v, err := jsonValues(row, buf[:0])
	if err != nil || len(v) != len(buf) {
		return Company{}, errJSONRows
	}
	c := Company{ID: v[0], Name: v[1], SortName: v[2], Domain: v[3], Website: v[4], Industry: v[5], Size: v[6],
		Phone:   Phone{Value: v[7], E164: v[8]},
		Address: Address{Street: v[9], City: v[10], Region: v[11], PostalCode: v[12], Country: v[13]},
		OwnerID: v[14], Notes: v[15]}
	if c.Version, err = strconv.Atoi(v[16]); err != nil {
		return Company{}, err
	}
	c.Stamp = Stamp{Version: c.Version, CreatedAt: ParseTime(v[17]), CreatedBy: v[18], UpdatedAt: ParseTime(v[19]), UpdatedBy: v[20],
		DeletedAt: ParseTime(v[21]), DeletedBy: v[22]}
	if keys != nil {
		*keys = [3]string{v[17], v[19], v[21]}
	}
	c.Tags, err = decodeTags(tags)
	return c, err
}

// TrashCompany moves a company to the trash (trash=true) or back.
func TrashCompany(ctx context.Context, tx *Tx, id, by string, trash bool) error {
	return setTrashed(ctx, tx, "companies", id, by, trash)
}

// PurgeTrashedCompanies deletes trashed companies for good; their contacts
// stay, without a company.
func PurgeTrashedCompanies(ctx context.Context, tx *Tx) ([]string, error) {
	return purgeTrashed(ctx, tx, "companies")
}

// CompanyRow is a company as lists show it.
type CompanyRow struct {
	ID            string
	Name          string
	Domain        string
	Industry      string
	OwnerID       string
	OwnerName     string
	Contacts      int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DeletedAt     time.Time
	DeletedBy     string // who trashed it, for the trash page
	DeletedByName string
	Tags          []Tag
}

// CompanyPage is one page of a company list.
type CompanyPage struct {
	Rows       []CompanyRow
	NextCursor string
}

func companyWhere(q ListQuery) where {
	var w where
	if q.Trashed {
		w.add("co.deleted_at IS NOT NULL")
	} else {
		w.add("co.deleted_at IS NULL")
	}
	w.refFilter(filterColumn(q, "co.owner_key"), q.Owner)
	switch {
	case q.TagID != "" && q.Broad:
		w.add("EXISTS (SELECT 1 FROM company_tags WHERE tag_id = ? AND company_id = co.id)", q.TagID)
	case q.TagID != "":
		w.add("co.id IN (SELECT company_id FROM company_tags WHERE tag_id = ?)", q.TagID)
	}
	conds := q.Conditions
	if q.SortField != "" && !q.Trashed {
		conds = w.sortFieldRange(q.SortField, conds)
	}
	if err := w.addConditions("company", conds, q.Broad); err != nil {
		w.err = err
	}
	return w
}

// companiesFrom is the list's FROM: the companies, or for a custom sort
// the field's values first, then their companies (as contactsFrom).
func companiesFrom(customSort bool) string {
	if customSort {
		return "custom_values sv CROSS JOIN companies co ON sv.field_id = ? AND co.id = sv.record_id"
	}
	return "companies co"
}

// CompanyListSQL builds the page query for q.
func CompanyListSQL(q ListQuery) (string, []any, error) {
	return companyPageSQL(q, `json_array(co.id, co.name, co.domain, co.industry, co.owner_key, u.name,
		co.sort_name, co.created_at, co.updated_at, co.deleted_at,
		(SELECT count(*) FROM contacts c WHERE c.company_key = co.id AND c.deleted_at IS NULL),
		co.deleted_by, (SELECT name FROM users WHERE id = co.deleted_by)), `+companyTags, ` LEFT JOIN users u ON u.id = co.owner_id`)
}

// CompanyRecordsSQL builds the page query of ListCompanyRecords: whole
// companies read beside the list's own keys.
func CompanyRecordsSQL(q ListQuery) (string, []any, error) {
	return companyPageSQL(q, companyRecord, "")
}

// companyPageSQL is the keyset query of a page of q: columns, then under
// a custom sort its value, from the companies and the joins.
func companyPageSQL(q ListQuery, columns, joins string) (string, []any, error) {
	w := companyWhere(q)
	if w.err != nil {
		return "", nil, w.err
	}
	spec, err := companySort(q)
	if err != nil {
		return "", nil, err
	}
	custom := q.SortField != "" && !q.Trashed
	sortValue, fromArgs := "", []any{}
	if custom {
		// Walks custom_values_value for the field, in value order.
		sortValue, fromArgs = ", sv.value", []any{q.SortField}
	}
	if q.Cursor != "" {
		cond, args, err := spec.after(q.Cursor)
		if err != nil {
			return "", nil, err
		}
		if custom {
			args[0] = customCursorValue(args[0].(string))
		}
		w.add(cond, args...)
	}
	query := `SELECT ` + columns + sortValue + `
		FROM ` + companiesFrom(custom) + joins + w.sql() + ` ORDER BY ` + spec.orderBy() + ` LIMIT ?`
	args := append(fromArgs, w.args...)
	return query, append(args, clampLimit(q.Limit)+1), nil
}

// companySort is the order of q's page.
func companySort(q ListQuery) (spec sortSpec, err error) {
	switch {
	case q.Trashed:
		spec = sortSpec{keys: []string{"co.deleted_at", "co.id"}, desc: true}
	case q.SortField != "":
		spec = sortSpec{keys: []string{"sv.value", "sv.record_id"}, desc: q.Sort == "-"}
	default:
		spec, err = sortFor("co", q.Sort)
	}
	spec.list = "companies"
	return spec, err
}

// companyList reads pages of companies.
var companyList = pagedList{broad: broadCompanyQuery, sort: companySort}

// broadCompanyQuery sets q.Broad from the kept counts.
func broadCompanyQuery(ctx context.Context, db Querier, q ListQuery) (ListQuery, error) {
	if q.Trashed {
		return q, nil
	}
	var err error
	q.Broad, err = isBroad(ctx, db, companyCountFilters(q)...)
	if err == nil {
		q.Broad, err = broadWithConditions(ctx, db, "company", q, q.Broad, companyCountFilters(q))
	}
	return q, err
}

// ListCompanies returns one page of companies in one statement after the
// kept counts.
func ListCompanies(ctx context.Context, db Querier, q ListQuery) (CompanyPage, error) {
	page := CompanyPage{Rows: make([]CompanyRow, 0, clampLimit(q.Limit))}
	var err error
	page.NextCursor, err = companyList.readPage(ctx, db, q, CompanyListSQL, func(rows *sql.Rows, q ListQuery) ([]string, error) {
		var row, tags string
		var custom any
		if err := rows.Scan(withSortValue(q, &custom, &row, &tags)...); err != nil {
			return nil, err
		}
		var buf [13]string
		v, err := jsonValues(row, buf[:0])
		if err != nil || len(v) != len(buf) {
			return nil, errJSONRows
		}
		r := CompanyRow{ID: v[0], Name: v[1], Domain: v[2], Industry: v[3], OwnerID: v[4], OwnerName: v[5],
			CreatedAt: ParseTime(v[7]), UpdatedAt: ParseTime(v[8]), DeletedAt: ParseTime(v[9]), DeletedBy: v[11], DeletedByName: v[12]}
		if r.Contacts, err = strconv.Atoi(v[10]); err != nil {
			return nil, err
		}
		if r.Tags, err = decodeTags(tags); err != nil {
			return nil, err
		}
		page.Rows = append(page.Rows, r)
		return cursorValues(q, v[6], v[7], v[8], v[9], r.OwnerID, r.ID, custom), nil
	})
	return page, err
}

// ListCompanyRecords is ListCompanies for callers that show whole
// companies (the API), from the list's one statement.
func ListCompanyRecords(ctx context.Context, db Querier, q ListQuery) (RecordPage[Company], error) {
	page := RecordPage[Company]{Records: make([]Company, 0, clampLimit(q.Limit))}
	var err error
	page.NextCursor, err = companyList.readPage(ctx, db, q, CompanyRecordsSQL, func(rows *sql.Rows, q ListQuery) ([]string, error) {
		var custom any
		var keys [3]string
		c, err := scanCompanyRecord(rows, &keys, withSortValue(q, &custom)...)
		if err != nil {
			return nil, err
		}
		page.Records = append(page.Records, c)
		return cursorValues(q, c.SortName, keys[0], keys[1], keys[2], c.OwnerID, c.ID, custom), nil
	})
	return page, err
}

// CountCompanies counts the companies q matches, ignoring its cursor.
func CountCompanies(ctx context.Context, db Querier, q ListQuery) (int, error) {
	if !q.Trashed {
		if kind, key, ok := keptCountKey("companies", len(q.Conditions) > 0 || q.SortField != "", companyCountFilters(q)...); ok {
			return keptCount(ctx, db, kind, key)
		}
	}
	if !q.Trashed && (len(q.Conditions) > 0 || q.SortField != "") {
		if q.CountLater {
			return CountUnknown, nil
		}
	}
	query, args := CompanyCountSQL(q)
	var n int
	err := db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

func companyCountFilters(q ListQuery) []countFilter {
	return []countFilter{byRef("companies.owner", q.Owner), byValue("companies.tag", q.TagID)}
}

// CompanyCountSQL is the counting query for combined filters.
func CompanyCountSQL(q ListQuery) (string, []any) {
	w := companyWhere(q)
	if q.SortField != "" && !q.Trashed { // the sorted list holds the records with a value
		return `SELECT count(*) FROM ` + companiesFrom(true) + w.sql(), append([]any{q.SortField}, w.args...)
	}
	return `SELECT count(*) FROM companies co` + w.sql(), w.args
}

// CompanyNames returns the names of the companies ids, for showing links.
func CompanyNames(ctx context.Context, q Querier, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM companies WHERE id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
