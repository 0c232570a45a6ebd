package store

import (
	"context"
	"database/sql"
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

// CompanyByID loads one company, trashed or not, with its tags.
func CompanyByID(ctx context.Context, q Querier, id string) (Company, error) {
	c, err := scanCompany(q.QueryRowContext(ctx, `SELECT `+companyColumns+` FROM companies WHERE id = ?`, id))
	if err != nil {
		return Company{}, err
	}
	tags, err := TagsOf(ctx, q, "company", []string{id})
	c.Tags = tags[id]
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
	w := companyWhere(q)
	if w.err != nil {
		return "", nil, w.err
	}
	spec, err := companySort(q)
	if err != nil {
		return "", nil, err
	}
	custom := q.SortField != "" && !q.Trashed
	sortValue, fromArgs := "''", []any{}
	if custom {
		// Walks custom_values_value for the field, in value order.
		sortValue, fromArgs = "sv.value", []any{q.SortField}
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
	query := `SELECT co.id, co.name, co.domain, co.industry, co.owner_key, coalesce(u.name, ''),
		co.sort_name, co.created_at, co.updated_at, co.deleted_at,
		(SELECT count(*) FROM contacts c WHERE c.company_key = co.id AND c.deleted_at IS NULL),
		coalesce(co.deleted_by, ''), coalesce((SELECT name FROM users WHERE id = co.deleted_by), ''), ` + sortValue + `
		FROM ` + companiesFrom(custom) + ` LEFT JOIN users u ON u.id = co.owner_id` + w.sql() + ` ORDER BY ` + spec.orderBy() + ` LIMIT ?`
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

// ListCompanies returns one page of companies.
func ListCompanies(ctx context.Context, db Querier, q ListQuery) (CompanyPage, error) {
	if !q.Trashed {
		var err error
		q.Broad, err = isBroad(ctx, db, companyCountFilters(q)...)
		if err == nil {
			q.Broad, err = broadWithConditions(ctx, db, "company", q, q.Broad, companyCountFilters(q))
		}
		if err != nil {
			return CompanyPage{}, err
		}
	}
	query, args, err := CompanyListSQL(q)
	if err != nil {
		return CompanyPage{}, err
	}
	spec, _ := companySort(q) // CompanyListSQL checked it
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return CompanyPage{}, err
	}
	defer rows.Close()
	var page CompanyPage
	var last []string
	limit := clampLimit(q.Limit)
	for rows.Next() {
		var r CompanyRow
		var sortName, created, updated string
		var deleted sql.NullString
		var custom any
		if err := rows.Scan(&r.ID, &r.Name, &r.Domain, &r.Industry, &r.OwnerID, &r.OwnerName,
			&sortName, &created, &updated, &deleted, &r.Contacts, &r.DeletedBy, &r.DeletedByName, &custom); err != nil {
			return CompanyPage{}, err
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
		return CompanyPage{}, err
	}
	// Free this reader before asking for another: a request that holds one
	// connection while waiting for a second can starve the pool under load.
	rows.Close()
	ids := make([]string, len(page.Rows))
	for i, r := range page.Rows {
		ids[i] = r.ID
	}
	tags, err := TagsOf(ctx, db, "company", ids)
	for i := range page.Rows {
		page.Rows[i].Tags = tags[page.Rows[i].ID]
	}
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
