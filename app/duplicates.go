package app

import (
	"context"
	"errors"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"rolo/store"
)

// DuplicateGroup is a set of records that are likely the same, and why.
type DuplicateGroup = store.DuplicateGroup

// maxDuplicateGroups bounds one report; merging the first ones shows the next.
const maxDuplicateGroups = 200

// nameKey folds a name for likeness: case, width, accents and spaces do
// not count, so "Zoë Müller", "ZOE MULLER" and "zoe muller" meet, as do
// "김 민수" and "김민수".
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(foldKey(s)) {
		if unicode.Is(unicode.Mn, r) || unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// Duplicates finds likely duplicate contacts (same email, same phone,
// similar name at the same company) or companies (same domain, similar
// name), a group per shared key.
func (a *App) Duplicates(ctx context.Context, actor Actor, entity string) ([]DuplicateGroup, error) {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return nil, err
	}
	q := a.db.Reader()
	var groups []DuplicateGroup
	var err error
	switch entity {
	case "contact":
		groups, err = store.ContactDuplicates(ctx, q, maxDuplicateGroups)
	case "company":
		groups, err = store.CompanyDuplicates(ctx, q, maxDuplicateGroups)
	default:
		return nil, Invalid(map[string]string{"entity": "error.import_entity_unknown"})
	}
	if err != nil {
		return nil, err
	}
	byName := map[string][]string{}
	err = store.NameKeys(ctx, q, entity, func(id, name, company string) {
		if k := nameKey(name); k != "" {
			byName[k+"\x00"+company] = append(byName[k+"\x00"+company], id)
		}
	})
	if err != nil {
		return nil, err
	}
	var names []DuplicateGroup
	for k, ids := range byName {
		if len(ids) > 1 {
			name, _, _ := strings.Cut(k, "\x00")
			names = append(names, DuplicateGroup{Reason: "name", Key: name, IDs: ids})
		}
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Key < names[j].Key })
	groups = append(groups, names...)
	if scope := a.ownerScope(actor); scope != "" {
		// Own-records-only users see the groups among their own records.
		var mine []DuplicateGroup
		for _, g := range groups {
			ids, err := store.OwnedIDs(ctx, q, entity, g.IDs, scope)
			if err != nil {
				return nil, err
			}
			if len(ids) > 1 {
				g.IDs = ids
				mine = append(mine, g)
			}
		}
		groups = mine
	}
	if len(groups) > maxDuplicateGroups {
		groups = groups[:maxDuplicateGroups]
	}
	return groups, nil
}

func uniqueFold(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if k := foldKey(n); !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// QualityReport counts what needs cleaning in the contacts.
type QualityReport struct {
	store.QualityCounts
	StaleDays int
}

// QualityProblems are the lists the report links to.
var QualityProblems = []string{"no_email", "no_phone", "no_owner", "stale", "unmatchable_phone"}

// DataQuality counts contacts missing an email or phone, without owner,
// with a phone that cannot be matched, and with no activity or change in
// staleDays (90 when 0).
func (a *App) DataQuality(ctx context.Context, actor Actor, staleDays int) (QualityReport, error) {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return QualityReport{}, err
	}
	if staleDays <= 0 {
		staleDays = 90
	}
	counts, err := store.ContactQuality(ctx, a.db.Reader(), a.staleBefore(staleDays))
	return QualityReport{QualityCounts: counts, StaleDays: staleDays}, err
}

// QualityList lists up to 500 contacts with one problem, by name.
func (a *App) QualityList(ctx context.Context, actor Actor, problem string, staleDays int) ([]Contact, error) {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return nil, err
	}
	if staleDays <= 0 {
		staleDays = 90
	}
	ids, err := store.QualityList(ctx, a.db.Reader(), problem, a.staleBefore(staleDays), 500)
	if errors.Is(err, store.ErrNotFound) {
		return nil, Invalid(map[string]string{"problem": "error.quality_problem_unknown"})
	}
	if err != nil {
		return nil, err
	}
	if scope := a.ownerScope(actor); scope != "" {
		if ids, err = store.OwnedIDs(ctx, a.db.Reader(), "contact", ids, scope); err != nil {
			return nil, err
		}
	}
	return store.ContactsByIDs(ctx, a.db.Reader(), ids)
}

func (a *App) staleBefore(days int) string {
	return store.FormatTime(a.now().AddDate(0, 0, -days))
}
