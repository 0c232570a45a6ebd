package store

import (
	"context"
	"strings"
)

// DuplicateGroup is a set of live records that share a key.
type DuplicateGroup struct {
	Reason string // email, phone, name, domain
	Key    string
	IDs    []string
}

// ContactDuplicates finds live contacts sharing an email or a phone
// number, by the indexes on those columns.
func ContactDuplicates(ctx context.Context, q Querier, limit int) ([]DuplicateGroup, error) {
	var out []DuplicateGroup
	for _, g := range []struct{ reason, query string }{
		{"email", `SELECT e.value, group_concat(DISTINCT e.contact_id) FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
			WHERE c.deleted_at IS NULL GROUP BY e.value HAVING count(DISTINCT e.contact_id) > 1 LIMIT ?`},
		{"phone", `SELECT p.e164, group_concat(DISTINCT p.contact_id) FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
			WHERE c.deleted_at IS NULL AND p.e164 <> '' GROUP BY p.e164 HAVING count(DISTINCT p.contact_id) > 1 LIMIT ?`},
	} {
		groups, err := groupsOf(ctx, q, g.reason, g.query, limit)
		if err != nil {
			return nil, err
		}
		out = append(out, groups...)
	}
	return out, nil
}

// CompanyDuplicates finds live companies sharing a domain.
func CompanyDuplicates(ctx context.Context, q Querier, limit int) ([]DuplicateGroup, error) {
	return groupsOf(ctx, q, "domain", `SELECT domain, group_concat(id) FROM companies WHERE deleted_at IS NULL AND domain <> ''
		GROUP BY domain HAVING count(*) > 1 LIMIT ?`, limit)
}

func groupsOf(ctx context.Context, q Querier, reason, query string, limit int) ([]DuplicateGroup, error) {
	rows, err := q.QueryContext(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	var out []DuplicateGroup
	err = eachRow(rows, func() error {
		var key, ids string
		err := rows.Scan(&key, &ids)
		out = append(out, DuplicateGroup{Reason: reason, Key: key, IDs: strings.Split(ids, ",")})
		return err
	})
	return out, err
}

// NameKeys streams (id, sort name, company key) of live records of a
// kind, for finding similar names in Go.
func NameKeys(ctx context.Context, q Querier, kind string, fn func(id, name, company string)) error {
	query := `SELECT id, sort_name, company_key FROM contacts WHERE deleted_at IS NULL`
	if kind == "company" {
		query = `SELECT id, sort_name, '' FROM companies WHERE deleted_at IS NULL`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	return eachRow(rows, func() error {
		var id, name, company string
		err := rows.Scan(&id, &name, &company)
		fn(id, name, company)
		return err
	})
}

// QualityCounts are the data-quality figures over live contacts.
type QualityCounts struct {
	Contacts, NoEmail, NoPhone, NoOwner, Stale, UnmatchablePhone int
}

// ContactQuality counts contacts missing an email or phone, without an
// owner, with a phone that cannot be matched (not E.164), and stale ones:
// not updated and without an activity since staleBefore.
func ContactQuality(ctx context.Context, q Querier, staleBefore string) (QualityCounts, error) {
	var c QualityCounts
	err := q.QueryRowContext(ctx, `SELECT count(*),
		coalesce(sum(NOT EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id)), 0),
		coalesce(sum(NOT EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id)), 0),
		coalesce(sum(c.owner_id IS NULL), 0),
		coalesce(sum(c.updated_at < ? AND NOT EXISTS (SELECT 1 FROM activity_links l WHERE l.entity = 'contact' AND l.entity_id = c.id AND l.occurred_at >= ?)), 0),
		coalesce(sum(EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND p.e164 = '')), 0)
		FROM contacts c WHERE c.deleted_at IS NULL`, staleBefore, staleBefore).Scan(&c.Contacts, &c.NoEmail, &c.NoPhone,
		&c.NoOwner, &c.Stale, &c.UnmatchablePhone)
	return c, translate(err)
}

// QualityList returns up to limit live contact ids with one problem.
func QualityList(ctx context.Context, q Querier, problem, staleBefore string, limit int) ([]string, error) {
	cond := map[string]string{
		"no_email":          `NOT EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id)`,
		"no_phone":          `NOT EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id)`,
		"no_owner":          `c.owner_id IS NULL`,
		"stale":             `c.updated_at < ?1 AND NOT EXISTS (SELECT 1 FROM activity_links l WHERE l.entity = 'contact' AND l.entity_id = c.id AND l.occurred_at >= ?1)`,
		"unmatchable_phone": `EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND p.e164 = '')`,
	}[problem]
	if cond == "" {
		return nil, ErrNotFound
	}
	args := []any{staleBefore, limit}
	rows, err := q.QueryContext(ctx, `SELECT c.id FROM contacts c WHERE c.deleted_at IS NULL AND `+cond+` ORDER BY c.sort_name, c.id LIMIT ?2`, args...)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}
