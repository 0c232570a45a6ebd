package app

import (
	"context"
	"encoding/json"
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

// MergeContacts folds loser into survivor: fields named in take come from
// the loser (field → "loser"), empty survivor fields are filled from the
// loser, emails, phones and tags are joined, and the loser's activities,
// tasks, deals, custom values and history move to the survivor. The loser
// goes to the trash. One audit entry on the survivor keeps the loser's
// fields as they were.
func (a *App) MergeContacts(ctx context.Context, actor Actor, survivorID, loserID string, take map[string]string) error {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return err
	}
	if survivorID == loserID {
		return Invalid(map[string]string{"loser": "error.merge_same"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		for _, id := range []string{survivorID, loserID} {
			if err := a.checkRecordVisible(ctx, tx, actor, "contact", id); err != nil {
				return err
			}
		}
		survivor, err := store.ContactByID(ctx, tx, survivorID)
		if err == nil && survivor.Trashed() {
			err = store.ErrNotFound
		}
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.contact_not_found")
		}
		if err != nil {
			return err
		}
		loser, err := store.ContactByID(ctx, tx, loserID)
		if err == nil && loser.Trashed() {
			err = store.ErrNotFound
		}
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.contact_not_found")
		}
		if err != nil {
			return err
		}
		in := mergeContact(InputOf(survivor), InputOf(loser), false)
		pick := mergeContact(InputOf(survivor), InputOf(loser), true)
		for field, from := range take {
			if from != "loser" {
				continue
			}
			switch field {
			case "first_name":
				in.FirstName = pick.FirstName
			case "last_name":
				in.LastName = pick.LastName
			case "display_name":
				in.DisplayName = pick.DisplayName
			case "title":
				in.Title = pick.Title
			case "company_id":
				in.CompanyID = pick.CompanyID
			case "birthday":
				in.Birthday = pick.Birthday
			case "website":
				in.Website = pick.Website
			case "lead_source":
				in.LeadSource = pick.LeadSource
			case "lifecycle_status":
				in.LifecycleStatus = pick.LifecycleStatus
			case "owner_id":
				in.OwnerID = pick.OwnerID
			case "notes":
				in.Notes = pick.Notes
			case "address":
				in.Address = pick.Address
			}
		}
		in.Tags = append(in.Tags, InputOf(loser).Tags...)
		if err := store.MoveContactLinks(ctx, tx, loserID, survivorID); err != nil {
			return err
		}
		// The loser's tags now sit on the survivor; re-read them so the update keeps them.
		moved, err := store.TagsOf(ctx, tx, "contact", []string{survivorID})
		if err != nil {
			return err
		}
		for _, t := range moved[survivorID] {
			in.Tags = append(in.Tags, t.Name)
		}
		in.Tags = uniqueFold(in.Tags)
		if err := a.updateContact(ctx, tx, actor, survivorID, survivor.Version, in); err != nil && AsError(err).Code != EConflict {
			return err
		}
		if err := a.trashContact(ctx, tx, actor, loserID, true); err != nil {
			return err
		}
		before, _ := json.Marshal(contactFields(loser))
		return a.audit(ctx, tx, actorID(actor), "contact.merged", "contact", survivorID, map[string]any{
			"name": survivor.DisplayName, "merged_id": loserID, "merged_name": loser.DisplayName, "merged_fields": json.RawMessage(before)})
	})
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
