package app

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"rolo/store"
)

// SearchResult is one record found by a search.
type SearchResult = store.SearchHit

// searchLimit bounds the results of one search: a person reads the first
// screenful, and ranking more costs time on a million records.
const searchLimit = 50

// A search is a few words typed into a box. FTS5's work grows with every
// term (30,000 words took 2 s, 240,000 minutes), so longer text, a
// mistake or an attack, is refused before it reaches the index.
const (
	maxQueryRunes = 200
	maxQueryWords = 16
)

// checkQueryText refuses free text past those bounds, as invalid under
// the field q. The byte length is looked at first, so a megabyte is
// refused unread. Words are counted as searchTerms splits them, so
// punctuation cannot pack more terms into fewer spaces.
func checkQueryText(text string) error {
	tooLong := Invalid(map[string]string{"q": "error.query_too_long"})
	if len(text) > utf8.UTFMax*maxQueryRunes || utf8.RuneCountInString(text) > maxQueryRunes {
		return tooLong
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(words) > maxQueryWords {
		return tooLong
	}
	return nil
}

// Search finds records by any word of their names, emails, phones,
// company, tags, title and notes, best first. Queries are built from the
// words typed, never passed to FTS5 as they are, so no input can fail.
// limit is 1–50; 0 means 20.
func (a *App) Search(ctx context.Context, actor Actor, q string, limit int) ([]SearchResult, error) {
	switch {
	case limit == 0:
		limit = 20
	case limit < 0 || limit > searchLimit:
		return nil, Invalid(map[string]string{"limit": "error.search_limit_invalid"})
	}
	if err := checkQueryText(q); err != nil {
		return nil, err
	}
	tiers := a.searchMatch(ctx, actor, q) // best first; a phone number also in the searcher's region (search_phone.go)
	if len(tiers) == 0 {
		return nil, nil
	}
	kinds := a.searchableKinds(actor)
	if len(kinds) == 0 {
		return nil, errorf(EForbidden, "error.forbidden")
	}
	if len(kinds) == len(store.IndexedKinds) {
		kinds = nil // all of them: no filter to apply
	}
	return store.SearchKinds(ctx, a.db.Reader(), tiers, a.ownerScope(actor), kinds, limit)
}

// searchableKinds are the kinds of record actor may view: contacts and
// companies with the contacts area, deals with the deals area.
func (a *App) searchableKinds(actor Actor) []string {
	var kinds []string
	for _, kind := range store.IndexedKinds {
		area := AreaContacts
		if kind == "deal" {
			area = AreaDeals
		}
		if a.can(actor, area, LevelView) == nil {
			kinds = append(kinds, kind)
		}
	}
	return kinds
}

// indexContact puts a live contact into the search index, or takes a
// trashed or purged one out, inside the transaction that changed it.
func (a *App) indexContact(ctx context.Context, tx *store.Tx, id string) error {
	c, err := store.ContactByID(ctx, tx, id)
	if err == store.ErrNotFound || (err == nil && c.Trashed()) {
		return store.DeleteSearchDoc(ctx, tx, "contact", id)
	}
	if err != nil {
		return err
	}
	company := ""
	if c.CompanyID != "" {
		if co, err := store.CompanyByID(ctx, tx, c.CompanyID); err == nil {
			company = co.Name
		}
	}
	doc := contactDoc(c, company)
	if err := addCustomText(ctx, tx, "contact", id, &doc); err != nil {
		return err
	}
	return store.PutSearchDoc(ctx, tx, doc)
}

func contactDoc(c Contact, company string) store.SearchDoc { return contactDocKnown(c, company, nil) }

// contactDocKnown is contactDoc with the national digits of numbers just
// read (see phoneDigitsKnown).
func contactDocKnown(c Contact, company string, known *nationalForms) store.SearchDoc {
	var words, digits []string
	for _, e := range c.Emails {
		words = append(words, e.Value)
	}
	for _, p := range c.Phones {
		digits = append(digits, phoneDigitsKnown(p, known)...)
	}
	for _, t := range c.Tags {
		words = append(words, t.Name)
	}
	words = append(words, company, c.Title, c.LeadSource, c.Notes)
	name := strings.Join([]string{c.DisplayName, c.FirstName, c.LastName}, " ")
	uni, bi := cjkGrams(append([]string{c.DisplayName}, words...)...)
	subtitle := joinNonEmpty(" · ", c.Title, company)
	if len(c.Emails) > 0 {
		subtitle = joinNonEmpty(" · ", subtitle, c.Emails[0].Value)
	}
	return store.SearchDoc{Kind: "contact", Ref: c.ID, Title: c.DisplayName, Subtitle: subtitle,
		Name: name, Words: strings.Join(words, " "), CJK1: uni, CJK2: bi, Digits: strings.Join(digits, " "), OwnerID: c.OwnerID}
}

// phoneDigits gives the forms a person may type a number in: as stored,
// international without the plus, and national ("010…" in Korea).
func phoneDigits(p store.Phone) []string { return phoneDigitsKnown(p, nil) }

// phoneDigitsKnown is phoneDigits taking the national digits from known
// when the number was just read (phone_national.go), instead of parsing
// its E.164 form again.
func phoneDigitsKnown(p store.Phone, known *nationalForms) []string {
	out := []string{digitsOf(p.Value)}
	if p.E164 != "" {
		out = append(out, digitsOf(p.E164))
		if national, ok := known.of(p.E164); ok {
			out = append(out, national)
		} else if n, err := phonenumbers.Parse(p.E164, ""); err == nil {
			out = append(out, digitsOf(phonenumbers.Format(n, phonenumbers.NATIONAL)))
		}
	}
	return out
}

// indexCompany puts a live company into the index, or takes it out.
func (a *App) indexCompany(ctx context.Context, tx *store.Tx, id string) error {
	c, err := store.CompanyByID(ctx, tx, id)
	if err == store.ErrNotFound || (err == nil && c.Trashed()) {
		return store.DeleteSearchDoc(ctx, tx, "company", id)
	}
	if err != nil {
		return err
	}
	custom, err := customText(ctx, tx, "company", id)
	if err != nil {
		return err
	}
	return store.PutSearchDoc(ctx, tx, companyDoc(c, custom))
}

// companyDoc is a company's search entry; custom is its custom fields'
// text.
func companyDoc(c Company, custom string) store.SearchDoc {
	var words []string
	for _, t := range c.Tags {
		words = append(words, t.Name)
	}
	words = append(words, c.Domain, c.Website, c.Industry, c.Notes, c.Address.City, custom)
	uni, bi := cjkGrams(append([]string{c.Name}, words...)...)
	return store.SearchDoc{Kind: "company", Ref: c.ID, Title: c.Name,
		Subtitle: joinNonEmpty(" · ", c.Industry, c.Domain), Name: c.Name, Words: strings.Join(words, " "),
		CJK1: uni, CJK2: bi, Digits: strings.Join(phoneDigits(c.Phone), " "), OwnerID: c.OwnerID}
}

// reindexCompanyContacts refreshes the people and the deals of a renamed
// company.
func (a *App) reindexCompanyContacts(ctx context.Context, tx *store.Tx, companyID string) error {
	if err := a.reindexDealsOf(ctx, tx, "company", companyID); err != nil {
		return err
	}
	ids, err := store.LiveContactIDsOfCompany(ctx, tx, companyID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := a.indexContact(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// reindexTagged refreshes every record carrying a renamed or merged tag.
func (a *App) reindexTagged(ctx context.Context, tx *store.Tx, tagID string) error {
	tagged, err := store.TaggedIDs(ctx, tx, tagID)
	if err != nil {
		return err
	}
	return a.reindex(ctx, tx, tagged)
}

// reindex refreshes the records listed by kind.
func (a *App) reindex(ctx context.Context, tx *store.Tx, ids map[string][]string) error {
	for _, id := range ids["contact"] {
		if err := a.indexContact(ctx, tx, id); err != nil {
			return err
		}
	}
	for _, id := range ids["company"] {
		if err := a.indexCompany(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}
