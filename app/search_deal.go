package app

import (
	"context"
	"strings"

	"rolo/store"
)

// Deals are in the search index by their title, their company and the
// names of their contacts, so "Acme renewal", "Acme" and "Ana Lima" all
// find the deal. The subtitle names the company and the primary contact,
// which is how people tell two deals of the same title apart.

// indexDeal puts a live deal into the search index, or takes a trashed or
// purged one out, inside the transaction that changed it.
func (a *App) indexDeal(ctx context.Context, tx *store.Tx, id string) error {
	d, err := store.DealByID(ctx, tx, id)
	if err == store.ErrNotFound || (err == nil && d.Trashed()) {
		return store.DeleteSearchDoc(ctx, tx, "deal", id)
	}
	if err != nil {
		return err
	}
	docs, err := dealDocs(ctx, tx, []Deal{d})
	if err != nil {
		return err
	}
	return store.PutSearchDoc(ctx, tx, docs[0])
}

// dealDocs are the search entries of live deals, with the names of their
// companies and contacts and their custom fields' text read in a few
// queries, for one deal as for a rebuild's batch.
func dealDocs(ctx context.Context, q store.Querier, deals []Deal) ([]store.SearchDoc, error) {
	var refs []store.RecordRef
	ids := make([]string, 0, len(deals))
	for _, d := range deals {
		ids = append(ids, d.ID)
		if d.CompanyID != "" {
			refs = append(refs, store.RecordRef{Entity: "company", ID: d.CompanyID})
		}
		for _, c := range dealContactIDs(d) {
			refs = append(refs, store.RecordRef{Entity: "contact", ID: c})
		}
	}
	names, err := store.RecordNames(ctx, q, refs)
	if err != nil {
		return nil, err
	}
	custom, err := customTexts(ctx, q, "deal", ids)
	if err != nil {
		return nil, err
	}
	docs := make([]store.SearchDoc, 0, len(deals))
	for _, d := range deals {
		company := names[store.RecordRef{Entity: "company", ID: d.CompanyID}]
		var people []string
		for _, c := range dealContactIDs(d) {
			if n := names[store.RecordRef{Entity: "contact", ID: c}]; n != "" {
				people = append(people, n)
			}
		}
		doc := dealDoc(d, company, people)
		appendCustomText(&doc, custom[d.ID])
		docs = append(docs, doc)
	}
	return docs, nil
}

// dealContactIDs are the primary contact, then the further ones.
func dealContactIDs(d Deal) []string {
	var out []string
	if d.ContactID != "" {
		out = append(out, d.ContactID)
	}
	for _, c := range d.ContactIDs {
		if c != "" && c != d.ContactID {
			out = append(out, c)
		}
	}
	return out
}

// dealDoc is a deal's entry; people are its contacts' names, the primary
// first.
func dealDoc(d Deal, company string, people []string) store.SearchDoc {
	words := append([]string{company}, people...)
	for _, t := range d.Tags {
		words = append(words, t.Name)
	}
	words = append(words, d.Source, d.Notes)
	uni, bi := cjkGrams(append([]string{d.Title}, words...)...)
	primary := ""
	if len(people) > 0 {
		primary = people[0]
	}
	return store.SearchDoc{Kind: "deal", Ref: d.ID, Title: d.Title, Subtitle: joinNonEmpty(" · ", company, primary),
		Name: d.Title, Words: strings.Join(words, " "), CJK1: uni, CJK2: bi, OwnerID: d.OwnerID}
}

// reindexDealsOf refreshes the entries of the live deals that carry a
// contact's or company's name, after it was renamed or merged.
func (a *App) reindexDealsOf(ctx context.Context, tx *store.Tx, kind, id string) error {
	ids, err := store.LiveDealIDsOf(ctx, tx, kind, id)
	if err != nil {
		return err
	}
	for _, d := range ids {
		if err := a.indexDeal(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}

// indexContactAndDeals indexes an edited contact and the deals that name
// it: a rename or a merge changes what finds them.
func (a *App) indexContactAndDeals(ctx context.Context, tx *store.Tx, id string) error {
	if err := a.indexContact(ctx, tx, id); err != nil {
		return err
	}
	return a.reindexDealsOf(ctx, tx, "contact", id)
}

// indexPendingKinds indexes the existing records of kinds a migration
// added to the index (0021_deal_search.sql adds deals): SQL cannot make
// their entries, so the first Open after the migration does, once.
func (a *App) indexPendingKinds(ctx context.Context) error {
	kinds, err := store.PendingSearchKinds(ctx, a.db.Reader())
	if err != nil || len(kinds) == 0 {
		return err
	}
	for _, kind := range kinds {
		if _, err := a.indexKind(ctx, kind, 0, nil); err != nil {
			return err
		}
	}
	return a.db.Write(ctx, func(tx *store.Tx) error { return store.ClearPendingSearchKinds(ctx, tx) })
}
