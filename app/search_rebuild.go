package app

import (
	"context"

	"rolo/store"
)

// rebuildBatch is how many records one rebuild transaction indexes: big
// enough to amortise the commit, small enough that searches and writes
// from other users never wait long.
const rebuildBatch = 2000

// RebuildSearchIndex indexes every live company, contact and deal
// afresh: after a bulk load (demo data) and for `rolo doctor --fix`.
// progress, when set, hears how many records are done.
func (a *App) RebuildSearchIndex(ctx context.Context, progress func(done int)) error {
	if err := a.db.Write(ctx, func(tx *store.Tx) error { return store.ClearSearchIndex(ctx, tx) }); err != nil {
		return err
	}
	done := 0
	for _, kind := range store.IndexedKinds {
		var err error
		if done, err = a.indexKind(ctx, kind, done, progress); err != nil {
			return err
		}
	}
	return nil
}

// indexKind indexes every live record of one kind, a batch per
// transaction, replacing entries it already has; done counts on from
// the records of earlier kinds for progress.
func (a *App) indexKind(ctx context.Context, kind string, done int, progress func(done int)) (int, error) {
	after := ""
	for {
		ids, err := store.LiveIDsAfter(ctx, a.db.Reader(), kind, after, rebuildBatch)
		if err != nil || len(ids) == 0 {
			return done, err
		}
		after = ids[len(ids)-1]
		if err := a.db.Write(ctx, func(tx *store.Tx) error { return a.indexBatch(ctx, tx, kind, ids) }); err != nil {
			return done, err
		}
		done += len(ids)
		if progress != nil {
			progress(done)
		}
	}
}

// indexBatch indexes many records with a handful of queries.
func (a *App) indexBatch(ctx context.Context, tx *store.Tx, kind string, ids []string) error {
	if kind == "deal" {
		deals, err := store.DealsByIDs(ctx, tx, ids)
		if err != nil {
			return err
		}
		var live []Deal
		for _, d := range deals {
			if !d.Trashed() {
				live = append(live, d)
			}
		}
		docs, err := dealDocs(ctx, tx, live)
		if err != nil {
			return err
		}
		return store.ReplaceSearchDocs(ctx, tx, kind, docs)
	}
	// The same text as indexContact, indexCompany and indexDeal give, custom fields
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
