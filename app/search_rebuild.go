package app

import (
	"context"

	"rolo/store"
)

// rebuildBatch is how many records one rebuild transaction indexes: big
// enough to amortise the commit, small enough that searches and writes
// from other users never wait long.
const rebuildBatch = 2000

// RebuildSearchIndex indexes every live contact and company afresh: after
// a bulk load (demo data) and for `rolo doctor --fix`. progress, when
// set, hears how many records are done.
func (a *App) RebuildSearchIndex(ctx context.Context, progress func(done int)) error {
	if err := a.db.Write(ctx, func(tx *store.Tx) error { return store.ClearSearchIndex(ctx, tx) }); err != nil {
		return err
	}
	done := 0
	for _, kind := range []string{"company", "contact"} {
		after := ""
		for {
			ids, err := store.LiveIDsAfter(ctx, a.db.Reader(), kind, after, rebuildBatch)
			if err != nil || len(ids) == 0 {
				if err != nil {
					return err
				}
				break
			}
			after = ids[len(ids)-1]
			err = a.db.Write(ctx, func(tx *store.Tx) error { return a.indexBatch(ctx, tx, kind, ids) })
			if err != nil {
				return err
			}
			done += len(ids)
			if progress != nil {
				progress(done)
			}
		}
	}
	return nil
}

// indexBatch indexes many records with a handful of queries.
func (a *App) indexBatch(ctx context.Context, tx *store.Tx, kind string, ids []string) error {
	// The same text as indexContact and indexCompany give, custom fields
	// included, so a rebuild never loses what the live index held.
	custom, err := customTexts(ctx, tx, kind, ids)
	if err != nil {
		return err
	}
	var docs []store.SearchDoc
	if kind == "company" {
		companies, err := store.CompaniesByIDs(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, c := range companies {
			if !c.Trashed() {
				docs = append(docs, companyDoc(c, custom[c.ID]))
			}
		}
		return store.ReplaceSearchDocs(ctx, tx, kind, docs)
	}
	contacts, err := store.ContactsByIDs(ctx, tx, ids)
	if err != nil {
		return err
	}
	var companyIDs []string
	for _, c := range contacts {
		if c.CompanyID != "" {
			companyIDs = append(companyIDs, c.CompanyID)
		}
	}
	names, err := store.CompanyNames(ctx, tx, companyIDs)
	if err != nil {
		return err
	}
	for _, c := range contacts {
		if c.Trashed() {
			continue
		}
		doc := contactDoc(c, names[c.CompanyID])
		appendCustomText(&doc, custom[c.ID])
		docs = append(docs, doc)
	}
	return store.ReplaceSearchDocs(ctx, tx, kind, docs)
}

// SearchIndexProblems compares the index with the records: each kind must
// have exactly one entry per live record. It names what differs.
func (a *App) SearchIndexProblems(ctx context.Context) ([]string, error) {
	return store.SearchIndexMismatches(ctx, a.db.Reader())
}
