package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// SearchDoc is one record's entry in the search index.
type SearchDoc struct {
	Kind, Ref       string
	Title, Subtitle string
	Name, Words     string
	CJK1, CJK2      string
	Digits          string
	OwnerID         string // the owner's user id, for users who see only their own records
}

// PutSearchDoc adds or replaces the index entry of one record.
func PutSearchDoc(ctx context.Context, tx *Tx, d SearchDoc) error {
	if err := DeleteSearchDoc(ctx, tx, d.Kind, d.Ref); err != nil {
		return err
	}
	res, err := tx.exec(ctx, `INSERT INTO search_docs (kind, ref, title, subtitle, owner_id) VALUES (?, ?, ?, ?, ?)`,
		d.Kind, d.Ref, d.Title, d.Subtitle, d.OwnerID)
	if err != nil {
		return translate(err)
	}
	rowid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO search_index (rowid, name, words, cjk1, cjk2, digits) VALUES (?, ?, ?, ?, ?, ?)`,
		rowid, d.Name, d.Words, d.CJK1, d.CJK2, d.Digits)
	return translate(err)
}

// DeleteSearchDoc removes a record from the index, if it is there.
func DeleteSearchDoc(ctx context.Context, tx *Tx, kind, ref string) error {
	var rowid int64
	err := tx.queryRow(ctx, `SELECT rowid FROM search_docs WHERE kind = ? AND ref = ?`, kind, ref).Scan(&rowid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM search_index WHERE rowid = ?`, rowid); err != nil {
		return translate(err)
	}
	_, err = tx.exec(ctx, `DELETE FROM search_docs WHERE rowid = ?`, rowid)
	return translate(err)
}

// SearchHit is one result, best first.
type SearchHit struct {
	Kind, Ref       string
	Title, Subtitle string
}

// Search runs one FTS5 query (built by app, never raw user text) and
// returns up to limit matches, newest first. A non-empty owner keeps only
// that user's records.
func Search(ctx context.Context, q Querier, match, owner string, limit int) ([]SearchHit, error) {
	return SearchKinds(ctx, q, []SearchTier{{Match: match}}, owner, nil, limit)
}

// SearchTier is one FTS5 query of a search. InNames says its words match
// in the name column only: its records are shown shortest title first,
// since the words make up more of a shorter name ("hooli" finds Hooli
// before Hooli Labs).
type SearchTier struct {
	Match   string
	InNames bool
}

// SearchKinds runs the FTS5 queries of tiers in order, best tier first,
// and returns the first limit records they match, each once: the records
// a tier adds come after those of the tiers before it. app makes the
// tiers (whole words in names, then prefixes in names, then anywhere), so
// their order is the ranking, and a page the first tier fills never runs
// the costlier prefix queries. Each tier reads only the newest matches
// the page can still show: ranking the newest 200 matches with bm25 cost
// 0.6 ms of a search for "smith" on 100k contacts, the first tier alone
// 0.07 ms.
//
// kinds (nil for all) and owner ("" for everyone's) narrow the matches
// before the limit, so a picker of one kind, or a user who sees only
// their own records, still gets a full page.
func SearchKinds(ctx context.Context, q Querier, tiers []SearchTier, owner string, kinds []string, limit int) ([]SearchHit, error) {
	var hits []SearchHit
	seen := map[int64]bool{}
	for _, tier := range tiers {
		if len(hits) >= limit {
			break
		}
		// A later tier holds at most len(hits) records already found, so
		// limit rows always leave enough new ones.
		query, args := SearchSQL(tier.Match, owner, kinds, limit)
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		first := len(hits)
		err = eachRow(rows, func() error {
			var rowid int64
			var h SearchHit
			if err := rows.Scan(&rowid, &h.Kind, &h.Ref, &h.Title, &h.Subtitle); err != nil {
				return err
			}
			if !seen[rowid] && len(hits) < limit {
				seen[rowid] = true
				hits = append(hits, h)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if tier.InNames {
			slices.SortStableFunc(hits[first:], func(a, b SearchHit) int {
				return cmp.Compare(utf8.RuneCountInString(a.Title), utf8.RuneCountInString(b.Title))
			})
		}
	}
	return hits, nil
}

// SearchSQL is the statement of one tier, apart so a test can read its
// query plan (store/search_plan_test.go). FTS5 hands its matches over
// newest first (ORDER BY rowid DESC is FTS5's own order, no sort), and
// each is joined to its search_docs row by rowid, where the owner and
// kinds are tested. The CROSS JOIN keeps FTS5 the outer loop: driven
// from search_docs' owner or kind index, FTS5 would run the whole MATCH
// once per rowid (a picker's "person" over 5,000 contacts took 27 s).
// The filters used to build the list of the owner's or kind's rowids
// for every search; a contact picker's "smith" took 24 ms on 100k
// contacts, and takes 0.08 ms tested on the joined row.
func SearchSQL(match, owner string, kinds []string, limit int) (string, []any) {
	filter, args := "", []any{match}
	if owner != "" {
		filter += ` AND d.owner_id = ?`
		args = append(args, owner)
	}
	if len(kinds) > 0 {
		filter += ` AND d.kind IN (` + placeholders(len(kinds)) + `)`
		args = append(args, anySlice(kinds)...)
	}
	args = append(args, limit)
	return `SELECT d.rowid, d.kind, d.ref, d.title, d.subtitle
		FROM search_index s CROSS JOIN search_docs d ON d.rowid = s.rowid
		WHERE search_index MATCH ?` + filter + `
		ORDER BY s.rowid DESC LIMIT ?`, args
}

// ReplaceSearchDocs indexes many records of one kind, replacing their
// entries if they have any, with one query to find those.
func ReplaceSearchDocs(ctx context.Context, tx *Tx, kind string, docs []SearchDoc) error {
	refs := make([]string, len(docs))
	for i, d := range docs {
		refs[i] = d.Ref
	}
	for start := 0; start < len(refs); start += 500 { // SQLite's bound on variables
		part := refs[start:min(start+500, len(refs))]
		args := append([]any{kind}, anySlice(part)...)
		in := `SELECT rowid FROM search_docs WHERE kind = ? AND ref IN (` + placeholders(len(part)) + `)`
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_index WHERE rowid IN (`+in+`)`, args...); err != nil {
			return translate(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_docs WHERE rowid IN (`+in+`)`, args...); err != nil {
			return translate(err)
		}
	}
	return InsertNewSearchDocs(ctx, tx, docs)
}

// ClearSearchIndex empties the index before a rebuild.
func ClearSearchIndex(ctx context.Context, tx *Tx) error {
	if _, err := tx.exec(ctx, `DELETE FROM search_index`); err != nil {
		return translate(err)
	}
	_, err := tx.exec(ctx, `DELETE FROM search_docs`)
	return translate(err)
}

// TaggedIDs lists the records carrying a tag, by kind.
func TaggedIDs(ctx context.Context, q Querier, tagID string) (map[string][]string, error) {
	out := map[string][]string{}
	for kind, l := range tagLinks {
		rows, err := q.QueryContext(ctx, `SELECT `+l.column+` FROM `+l.table+` WHERE tag_id = ?`, tagID)
		if err != nil {
			return nil, err
		}
		if out[kind], err = scanIDs(rows); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LiveContactIDsOfCompany lists the live contacts of a company.
func LiveContactIDsOfCompany(ctx context.Context, q Querier, companyID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM contacts WHERE company_key = ? AND deleted_at IS NULL`, companyID)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// LiveIDsAfter pages through the ids of live records of a kind.
func LiveIDsAfter(ctx context.Context, q Querier, kind, after string, limit int) ([]string, error) {
	_, _, table := tagLink(kind)
	rows, err := q.QueryContext(ctx, `SELECT id FROM `+table+` WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// IndexedKinds are the kinds of record the search index holds, with
// their tables: a rebuild fills exactly these and doctor checks exactly
// these, so a kind is never reported missing that was never indexed.
var IndexedKinds = []string{"company", "contact", "deal"}

var indexedTables = map[string]string{"company": "companies", "contact": "contacts", "deal": "deals"}

// SearchIndexMismatches lists live records missing from the index, index
// entries whose record is gone or trashed, entries that name another
// owner than the record's (a user limited to their own records would be
// shown someone else's, or miss their own) and entries of kinds that are
// not indexed.
func SearchIndexMismatches(ctx context.Context, q Querier) ([]string, error) {
	var problems []string
	for _, kind := range IndexedKinds {
		table := indexedTables[kind]
		var missing, stale, owner int
		err := q.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM `+table+` r WHERE r.deleted_at IS NULL
				AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = ? AND d.ref = r.id)),
			(SELECT count(*) FROM search_docs d WHERE d.kind = ?
				AND NOT EXISTS (SELECT 1 FROM `+table+` r WHERE r.id = d.ref AND r.deleted_at IS NULL)),
			(SELECT count(*) FROM search_docs d JOIN `+table+` r ON r.id = d.ref
				WHERE d.kind = ? AND r.deleted_at IS NULL AND coalesce(r.owner_id, '') <> d.owner_id)`, kind, kind, kind).Scan(&missing, &stale, &owner)
		if err != nil {
			return nil, err
		}
		if missing > 0 {
			problems = append(problems, fmt.Sprintf("%d %s records are missing from the search index", missing, kind))
		}
		if stale > 0 {
			problems = append(problems, fmt.Sprintf("%d search entries point to %s records that are gone or trashed", stale, kind))
		}
		if owner > 0 {
			problems = append(problems, fmt.Sprintf("%d search entries of %s records name another owner than the record", owner, kind))
		}
	}
	var other int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM search_docs WHERE kind NOT IN (`+placeholders(len(IndexedKinds))+`)`,
		anySlice(IndexedKinds)...).Scan(&other)
	if err != nil {
		return nil, err
	}
	if other > 0 {
		problems = append(problems, fmt.Sprintf("%d search entries are of a kind that is not indexed", other))
	}
	return problems, nil
}

// PendingSearchKinds are the kinds a migration added to the index whose
// existing records still wait to be indexed (the text needs Go, not SQL).
func PendingSearchKinds(ctx context.Context, q Querier) ([]string, error) {
	v, err := Setting(ctx, q, pendingSearchKey, "")
	if err != nil || v == "" {
		return nil, err
	}
	return strings.Split(v, ","), nil
}

// ClearPendingSearchKinds says the pending kinds are indexed.
func ClearPendingSearchKinds(ctx context.Context, tx *Tx) error {
	_, err := tx.exec(ctx, `DELETE FROM settings WHERE key = ?`, pendingSearchKey)
	return translate(err)
}

const pendingSearchKey = "search.pending_kinds"

// LiveDealIDsOf lists the live deals that name a contact (as primary or
// further contact) or a company, whose search entries carry its name.
func LiveDealIDsOf(ctx context.Context, q Querier, kind, id string) ([]string, error) {
	query := `SELECT id FROM deals WHERE company_key = ? AND deleted_at IS NULL`
	args := []any{id}
	if kind == "contact" {
		query = `SELECT id FROM deals WHERE contact_key = ? AND deleted_at IS NULL
			UNION SELECT dc.deal_id FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id
			WHERE dc.contact_id = ? AND d.deleted_at IS NULL`
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// SearchDocOwned is an index entry with its owner, as a picker shows the
// record already chosen.
type SearchDocOwned struct {
	SearchHit
	OwnerID string
}

// SearchDocsOf reads the index entries of refs; records without one
// (trashed, or of a kind not indexed) are left out.
func SearchDocsOf(ctx context.Context, q Querier, refs []RecordRef) (map[RecordRef]SearchDocOwned, error) {
	out := map[RecordRef]SearchDocOwned{}
	byKind := map[string][]string{}
	for _, r := range refs {
		byKind[r.Entity] = append(byKind[r.Entity], r.ID)
	}
	for kind, ids := range byKind {
		rows, err := q.QueryContext(ctx, `SELECT kind, ref, title, subtitle, owner_id FROM search_docs
			WHERE kind = ? AND ref IN (SELECT value FROM json_each(?))`, kind, jsonIDs(ids))
		if err != nil {
			return nil, err
		}
		err = eachRow(rows, func() error {
			var d SearchDocOwned
			err := rows.Scan(&d.Kind, &d.Ref, &d.Title, &d.Subtitle, &d.OwnerID)
			out[RecordRef{Entity: d.Kind, ID: d.Ref}] = d
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LiveDealIDsOfTrashed lists the live deals that name a trashed contact
// or company: emptying the trash deletes those, and the deals' entries
// must stop carrying their names.
func LiveDealIDsOfTrashed(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id FROM deals d WHERE d.deleted_at IS NULL AND (
			d.contact_id IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL)
			OR d.company_id IN (SELECT id FROM companies WHERE deleted_at IS NOT NULL))
		UNION SELECT dc.deal_id FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id
		WHERE d.deleted_at IS NULL AND dc.contact_id IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL)`)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}
