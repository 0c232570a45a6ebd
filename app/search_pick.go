package app

import (
	"context"
	"slices"

	"rolo/store"
)

// Pickers are the fields of forms that link records (a deal's company and
// contacts, a contact's company, the records of an activity or task).
// They search the index as the search page does, one kind at a time, so
// every record is reachable however many there are, and show each
// match's subtitle (email, company) so people of the same name can be
// told apart.

// SearchRecords finds records of one kind for a picker: "contact",
// "company" or "deal", or "" for any kind actor may view, as Search finds
// them (the same index, words and visibility). A kind actor may not view
// is refused.
func (a *App) SearchRecords(ctx context.Context, actor Actor, kind, q string, limit int) ([]SearchResult, error) {
	if kind == "" {
		return a.Search(ctx, actor, q, limit)
	}
	if limit <= 0 || limit > searchLimit {
		limit = 20
	}
	if err := checkQueryText(q); err != nil {
		return nil, err
	}
	if !slices.Contains(a.searchableKinds(actor), kind) {
		return nil, errorf(EForbidden, "error.forbidden")
	}
	tiers := a.searchMatch(ctx, actor, q) // best first; a phone number also in the searcher's region (search_phone.go)
	if len(tiers) == 0 {
		return nil, nil
	}
	return store.SearchKinds(ctx, a.db.Reader(), tiers, a.ownerScope(actor), []string{kind}, limit)
}

// ChosenRecords are the index entries of records already chosen in a
// picker, as its suggestions show them, for those actor may see; a
// record actor may not see, or one not in the index (trashed), is left
// out and the form names it otherwise.
func (a *App) ChosenRecords(ctx context.Context, actor Actor, refs []RecordRef) (map[RecordRef]SearchResult, error) {
	docs, err := store.SearchDocsOf(ctx, a.db.Reader(), refs)
	if err != nil {
		return nil, err
	}
	kinds, scope := a.searchableKinds(actor), a.ownerScope(actor)
	out := make(map[RecordRef]SearchResult, len(docs))
	for ref, d := range docs {
		if slices.Contains(kinds, ref.Entity) && (scope == "" || d.OwnerID == scope) {
			out[ref] = d.SearchHit
		}
	}
	return out, nil
}
