package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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

// searchCandidates caps how many matches are ranked. bm25 costs a few
// microseconds per match, and a word like "jo" matches a tenth of a
// million contacts; FTS5 hands matches over newest first without scoring,
// so the newest candidates are ranked and the best of them returned. A
// query matching fewer records than this is ranked in full. (Measured on
// 100k contacts: 200 candidates rank in 0.4 ms, 1,500 in 4 ms.)
const searchCandidates = 200

// Search runs an FTS5 query (built by app, never raw user text) and
// returns the best limit hits, best first. bm25 weighs a match in the
// name ten times one in the other text. A non-empty owner keeps only that
// user's records, before the candidates are cut, so a user who sees only
// their own records still gets a full page of them.
func Search(ctx context.Context, q Querier, match, owner string, limit int) ([]SearchHit, error) {
	return SearchKinds(ctx, q, match, owner, nil, limit)
}

// SearchKinds is Search over some kinds of record only (nil for all): a
// picker asks for contacts or companies, and a role that may not view
// deals searches without them. The kinds narrow the matches before the
// candidates are cut, through the (kind, ref) index of search_docs, so a
// picker still reaches old records of its kind among many newer others.
func SearchKinds(ctx context.Context, q Querier, match, owner string, kinds []string, limit int) ([]SearchHit, error) {
	query, args := SearchSQL(match, owner, kinds, limit)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.Kind, &h.Ref, &h.Title, &h.Subtitle); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// SearchSQL is the statement SearchKinds runs, apart so a test can read
// its query plan (store/search_plan_test.go). The owner and kind filters
// test +rowid, not rowid: a bare rowid IN (…) is handed to FTS5 as a
// rowid constraint, and FTS5 then runs the whole MATCH once per rowid of
// the list (a picker's "person" over 5,000 contacts took 27 s; as a
// filter on the matches it takes 3 ms).
func SearchSQL(match, owner string, kinds []string, limit int) (string, []any) {
	filter, args := "", []any{match}
	switch {
	case owner != "" && len(kinds) > 0:
		filter = ` AND +rowid IN (SELECT rowid FROM search_docs WHERE owner_id = ? AND kind IN (` + placeholders(len(kinds)) + `))`
		args = append(append(args, owner), anySlice(kinds)...)
	case owner != "":
		filter = ` AND +rowid IN (SELECT rowid FROM search_docs WHERE owner_id = ?)`
		args = append(args, owner)
	case len(kinds) > 0:
		filter = ` AND +rowid IN (SELECT rowid FROM search_docs WHERE kind IN (` + placeholders(len(kinds)) + `))`
		args = append(args, anySlice(kinds)...)
	}
	args = append(args, searchCandidates, limit)
	return `SELECT d.kind, d.ref, d.title, d.subtitle
		FROM (SELECT rowid, bm25(search_index, 10.0, 1.0, 4.0, 6.0, 4.0) AS score FROM search_index
		      WHERE search_index MATCH ?` + filter + ` ORDER BY rowid DESC LIMIT ?) m
		JOIN search_docs d ON d.rowid = m.rowid
		ORDER BY m.score LIMIT ?`, args
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
