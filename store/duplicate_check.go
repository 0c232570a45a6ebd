package store

import (
	"context"
	"strings"
)

// NameRow is a live record's id, sort name and company, for comparing
// names in Go (accents and spaces do not fold in SQL).
type NameRow struct {
	ID, SortName, CompanyID string
}

// DuplicateCheckQueries are the lookups of the duplicate check on entry,
// by name, so a test can prove each reads an index (a check that scans
// would cost every save the whole table). Each takes its key and a limit.
var DuplicateCheckQueries = map[string]string{
	"email": `SELECT DISTINCT e.contact_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
		WHERE e.value IN (SELECT value FROM json_each(?)) AND c.deleted_at IS NULL LIMIT ?`,
	"phone": `SELECT DISTINCT p.contact_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
		WHERE p.e164 <> '' AND p.e164 IN (SELECT value FROM json_each(?)) AND c.deleted_at IS NULL LIMIT ?`,
	"name": `SELECT id, sort_name, company_key FROM contacts
		WHERE sort_name = ? AND deleted_at IS NULL LIMIT ?`,
	"company": `SELECT id, sort_name, company_key FROM contacts
		WHERE company_key = ? AND deleted_at IS NULL LIMIT ?`,
	"company_domain": `SELECT id FROM companies WHERE domain <> '' AND domain = ? AND deleted_at IS NULL LIMIT ?`,
	"company_name":   `SELECT id, sort_name, '' FROM companies WHERE sort_name = ? AND deleted_at IS NULL LIMIT ?`,
}

// DuplicateIDsByEmails lists live contacts holding one of the (lower-cased)
// addresses.
func DuplicateIDsByEmails(ctx context.Context, q Querier, emails []string, limit int) ([]string, error) {
	return idsByKeys(ctx, q, "email", emails, limit)
}

// DuplicateIDsByPhones lists live contacts holding one of the E.164 numbers.
func DuplicateIDsByPhones(ctx context.Context, q Querier, e164 []string, limit int) ([]string, error) {
	return idsByKeys(ctx, q, "phone", e164, limit)
}

func idsByKeys(ctx context.Context, q Querier, query string, keys []string, limit int) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, DuplicateCheckQueries[query], jsonList(keys), limit)
	if err != nil {
		return nil, translate(err)
	}
	return scanIDs(rows)
}

// ContactsNamed lists live contacts whose sort name is sortName.
func ContactsNamed(ctx context.Context, q Querier, sortName string, limit int) ([]NameRow, error) {
	return nameRows(ctx, q, "name", sortName, limit)
}

// ContactsAtCompany lists (up to limit) live contacts of a company.
func ContactsAtCompany(ctx context.Context, q Querier, companyID string, limit int) ([]NameRow, error) {
	return nameRows(ctx, q, "company", companyID, limit)
}

// CompaniesNamed lists live companies whose sort name is sortName.
func CompaniesNamed(ctx context.Context, q Querier, sortName string, limit int) ([]NameRow, error) {
	return nameRows(ctx, q, "company_name", sortName, limit)
}

// CompanyIDsByDomain lists live companies with the (lower-cased) domain.
func CompanyIDsByDomain(ctx context.Context, q Querier, domain string, limit int) ([]string, error) {
	if strings.TrimSpace(domain) == "" {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, DuplicateCheckQueries["company_domain"], domain, limit)
	if err != nil {
		return nil, translate(err)
	}
	return scanIDs(rows)
}

func nameRows(ctx context.Context, q Querier, query, key string, limit int) ([]NameRow, error) {
	if key == "" {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, DuplicateCheckQueries[query], key, limit)
	if err != nil {
		return nil, translate(err)
	}
	var out []NameRow
	err = eachRow(rows, func() error {
		var r NameRow
		err := rows.Scan(&r.ID, &r.SortName, &r.CompanyID)
		out = append(out, r)
		return err
	})
	return out, err
}
