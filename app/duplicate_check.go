package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"rolo/store"
)

// DuplicateCandidate is a contact that looks like the one being entered,
// with why: "email" (the same address, case aside), "phone" (the same
// number once read as E.164) or "name" (the same name once case, accents
// and spacing are set aside, at the same company or where either has none).
type DuplicateCandidate struct {
	Contact Contact
	Reasons []string
}

// maxDuplicateCandidates bounds what a save shows: more would not be read.
const maxDuplicateCandidates = 10

// maxCompanyPeople bounds the people of one company compared by name; a
// company with more is checked on its first ones (by name) only, so a
// save stays fast: folding a non-Latin name costs a few microseconds.
const maxCompanyPeople = 500

// ContactDuplicateCandidates finds the contacts that in would likely
// duplicate, among those actor sees. For an edit, exceptID is the contact
// edited: it is never its own duplicate, and only what the edit changes
// (a new address or number, another name or company) is checked, so a
// save that leaves them alone is never held up. Input with problems is
// checked on what can be read of it (a phone alone, an email beside a
// bad one): the save reports the problems.
func (a *App) ContactDuplicateCandidates(ctx context.Context, actor Actor, in ContactInput, exceptID string) ([]DuplicateCandidate, error) {
	// Asked by whoever is about to save: one who may not would learn of
	// records without any reason to.
	level := LevelCreate
	if exceptID != "" {
		level = LevelEdit
	}
	if err := a.can(actor, AreaContacts, level); err != nil {
		return nil, err
	}
	q := a.db.Reader()
	// Validated as it would be stored: addresses lower-cased, numbers in
	// E.164 in the instance's region. Keeping the typed company as linked
	// skips the link check, which the save does.
	c, _, err := a.validateContact(ctx, q, actor, in, in.CompanyID)
	if err != nil && ErrorCode(err) != EInvalid {
		return nil, err
	}
	var old Contact
	if exceptID != "" {
		if old, err = store.ContactByID(ctx, q, exceptID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		one := []Contact{old}
		if old.ID != "" {
			if err := a.fillContacts(ctx, one); err != nil {
				return nil, err
			}
		}
		old = one[0]
	}
	reasons := map[string][]string{}
	var order []string
	add := func(reason string, ids ...string) {
		for _, id := range ids {
			if id == exceptID || slices.Contains(reasons[id], reason) {
				continue
			}
			if reasons[id] == nil {
				order = append(order, id)
			}
			reasons[id] = append(reasons[id], reason)
		}
	}
	var emails, phones []string
	for _, e := range c.Emails {
		if !slices.ContainsFunc(old.Emails, func(o store.Labeled) bool { return o.Value == e.Value }) {
			emails = append(emails, e.Value)
		}
	}
	for _, p := range c.Phones {
		if p.E164 != "" && !slices.ContainsFunc(old.Phones, func(o store.Phone) bool { return o.E164 == p.E164 }) {
			phones = append(phones, p.E164)
		}
	}
	ids, err := store.DuplicateIDsByEmails(ctx, q, emails, maxDuplicateCandidates+1)
	if err != nil {
		return nil, err
	}
	add("email", ids...)
	if ids, err = store.DuplicateIDsByPhones(ctx, q, phones, maxDuplicateCandidates+1); err != nil {
		return nil, err
	}
	add("phone", ids...)
	if exceptID == "" || c.SortName != old.SortName || c.CompanyID != old.CompanyID {
		named, err := a.sameNamed(ctx, q, c)
		if err != nil {
			return nil, err
		}
		add("name", named...)
	}
	if len(order) == 0 {
		return nil, nil
	}
	if scope := a.ownerScope(actor); scope != "" {
		if order, err = store.OwnedIDs(ctx, q, "contact", order, scope); err != nil {
			return nil, err
		}
	}
	if len(order) > maxDuplicateCandidates {
		order = order[:maxDuplicateCandidates]
	}
	contacts, err := a.ContactsByID(ctx, actor, order)
	if err != nil {
		return nil, err
	}
	var out []DuplicateCandidate
	for _, ct := range contacts {
		if !ct.Trashed() {
			out = append(out, DuplicateCandidate{Contact: ct, Reasons: reasons[ct.ID]})
		}
	}
	return out, nil
}

// sameNamed lists contacts with c's name: the same sort name anywhere
// (case and width aside) where either has no company or both the same,
// and at c's company also the same name with accents and spacing aside
// ("Zoë  Müller" is "zoe muller"). Both lookups read an index.
func (a *App) sameNamed(ctx context.Context, q store.Querier, c Contact) ([]string, error) {
	key := quickNameKey(c.SortName)
	if key == "" {
		return nil, nil
	}
	var ids []string
	rows, err := store.ContactsNamed(ctx, q, c.SortName, maxDuplicateCandidates+1)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if c.CompanyID == "" || r.CompanyID == "" || r.CompanyID == c.CompanyID {
			ids = append(ids, r.ID)
		}
	}
	if c.CompanyID == "" {
		return ids, nil
	}
	if rows, err = store.ContactsAtCompany(ctx, q, c.CompanyID, maxCompanyPeople); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if quickNameKey(r.SortName) == key && !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
}

// CompanyCandidate is a company that looks like the one being entered,
// with why: "domain" (the same domain, from the website when none is
// given) or "company_name" (the same name, case and width aside).
type CompanyCandidate struct {
	Company Company
	Reasons []string
}

// CompanyDuplicateCandidates finds live companies actor sees with the
// same domain or the same name as in (both looked up by index); exceptID
// is the company edited.
func (a *App) CompanyDuplicateCandidates(ctx context.Context, actor Actor, in CompanyInput, exceptID string) ([]CompanyCandidate, error) {
	if err := a.can(actor, AreaContacts, LevelCreate); err != nil {
		return nil, err
	}
	q := a.db.Reader()
	c, _, err := a.validateCompany(ctx, q, in)
	if err != nil && ErrorCode(err) != EInvalid {
		return nil, err
	}
	reasons := map[string][]string{}
	var ids []string
	add := func(reason string, id string) {
		if id == exceptID {
			return
		}
		if reasons[id] == nil {
			ids = append(ids, id)
		}
		reasons[id] = append(reasons[id], reason)
	}
	byDomain, err := store.CompanyIDsByDomain(ctx, q, c.Domain, maxDuplicateCandidates)
	if err != nil {
		return nil, err
	}
	for _, id := range byDomain {
		add("domain", id)
	}
	named, err := store.CompaniesNamed(ctx, q, c.SortName, maxDuplicateCandidates)
	if err != nil {
		return nil, err
	}
	for _, r := range named {
		add("company_name", r.ID)
	}
	if scope := a.ownerScope(actor); scope != "" && len(ids) > 0 {
		if ids, err = store.OwnedIDs(ctx, q, "company", ids, scope); err != nil {
			return nil, err
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := a.CompaniesByID(ctx, actor, ids)
	if err != nil {
		return nil, err
	}
	var out []CompanyCandidate
	for _, co := range list {
		if !co.Trashed() {
			out = append(out, CompanyCandidate{Company: co, Reasons: reasons[co.ID]})
		}
	}
	return out, nil
}

// quickNameKey is nameKey, faster: the duplicate check folds every name
// at a company on each save, and the normalisations behind nameKey cost
// microseconds a name. A name made of Latin letters (accented or not),
// kana, Hangul syllables and CJK ideographs folds one character at a time
// (none of them combines with its neighbours); anything else, a combining
// mark typed apart for one, takes nameKey's way. TestQuickNameKey holds
// the two to the same answers.
func quickNameKey(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r < rune(len(latinKeys)):
			b = append(b, latinKeys[r]...)
		case r >= 0xAC00 && r <= 0xD7A3, r >= 0x4E00 && r <= 0x9FFF: // Hangul syllables, CJK ideographs: no case, no marks
			b = utf8.AppendRune(b, r)
		case r >= kanaFirst && r < kanaFirst+rune(len(kanaKeys)):
			b = append(b, kanaKeys[r-kanaFirst]...)
		default:
			return nameKey(s)
		}
	}
	return string(b)
}

// latinKeys is nameKey of each Latin character (ASCII, Latin-1,
// Latin Extended-A and B): "" for spaces and punctuation, "e" for "É".
var latinKeys = func() []string {
	keys := make([]string, 0x250)
	for r := range keys {
		keys[r] = nameKey(string(rune(r)))
	}
	return keys
}()

// kanaKeys is nameKey of each hiragana and katakana character: "カ" for
// "ガ", whose voicing mark is a combining one once decomposed.
const kanaFirst = 0x3040

var kanaKeys = func() []string {
	keys := make([]string, 0x30FF-kanaFirst+1)
	for i := range keys {
		keys[i] = nameKey(string(rune(kanaFirst + i)))
	}
	return keys
}()
