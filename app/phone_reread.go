package app

import (
	"context"
	"strings"

	"rolo/store"
)

// ActionPhoneReread is a stored number read anew in another region after
// a region change: it had no E.164 form and now has one. It is no event:
// the number as typed did not change.
const ActionPhoneReread AuditAction = "phone.reread"

// PhoneRereadScope says whose numbers a re-read looks at.
type PhoneRereadScope string

const (
	// RereadAll is every live record's numbers (admins, the command line),
	// after the instance's region changed.
	RereadAll PhoneRereadScope = "all"
	// RereadOwn is the numbers of the actor's own records, after their own
	// region changed: a colleague's numbers were typed in another region.
	RereadOwn PhoneRereadScope = "own"
)

// PhoneReread is what reading the unread numbers in Region does: Unread
// numbers have no E.164 form, Changes are those Region reads.
type PhoneReread struct {
	Region  string
	Unread  int
	Changes []PhoneRereadChange
	Applied int // numbers written, when applied
}

// PhoneRereadChange is one number and the E.164 form Region gives it.
type PhoneRereadChange struct {
	store.UnreadPhone
	E164 string
}

// rereadChunk bounds one write transaction, so a large re-read does not
// hold the writer for long.
const rereadChunk = 200

// RereadPhones reads the numbers that could not be read (E.164 empty) in
// region and, when apply is set, stores the E.164 forms found, each in the
// audit log and the search index. A number that still cannot be read is
// left as it is; one edited meanwhile is skipped.
func (a *App) RereadPhones(ctx context.Context, actor Actor, region string, scope PhoneRereadScope, apply bool) (PhoneReread, error) {
	owner := ""
	switch scope {
	case RereadAll:
		if err := a.can(actor, AreaSettings, LevelManage); err != nil {
			return PhoneReread{}, err
		}
	case RereadOwn:
		if actor == nil {
			return PhoneReread{}, errorf(EForbidden, "error.forbidden")
		}
		if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
			return PhoneReread{}, err
		}
		owner = actor.ID
	default:
		return PhoneReread{}, Invalid(map[string]string{"scope": "error.invalid"})
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if !ValidRegion(region) {
		return PhoneReread{}, Invalid(map[string]string{"region": "error.region_invalid"})
	}
	unread, err := store.UnreadPhones(ctx, a.db.Reader(), owner)
	if err != nil {
		return PhoneReread{}, err
	}
	out := PhoneReread{Region: region, Unread: len(unread)}
	for _, p := range unread {
		if e164 := NormalizePhone(p.Value, region); e164 != "" {
			out.Changes = append(out.Changes, PhoneRereadChange{UnreadPhone: p, E164: e164})
		}
	}
	if !apply {
		return out, nil
	}
	for start := 0; start < len(out.Changes); start += rereadChunk {
		chunk := out.Changes[start:min(start+rereadChunk, len(out.Changes))]
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			n, err := a.applyReread(ctx, tx, actor, region, chunk)
			out.Applied += n
			return err
		})
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// applyReread writes one chunk of changes and refreshes the index entries
// of the records they touched.
func (a *App) applyReread(ctx context.Context, tx *store.Tx, actor Actor, region string, chunk []PhoneRereadChange) (int, error) {
	written := 0
	touched := map[string][]string{}
	seen := map[store.RecordRef]bool{}
	for _, ch := range chunk {
		ok, err := store.SetPhoneE164(ctx, tx, ch.UnreadPhone, ch.E164)
		if err != nil {
			return 0, err
		}
		if !ok {
			continue
		}
		written++
		details := map[string]any{"phone": ch.Value, "e164": ch.E164, "phone_region": region}
		if ch.Label != "" {
			details["phone_label"] = ch.Label
		}
		if err := a.record(ctx, tx, actorID(actor), Change{Action: ActionPhoneReread, Entity: ch.Entity, ID: ch.ID, Name: ch.Name, Details: details}); err != nil {
			return 0, err
		}
		ref := store.RecordRef{Entity: ch.Entity, ID: ch.ID}
		if !seen[ref] {
			seen[ref] = true
			touched[ch.Entity] = append(touched[ch.Entity], ch.ID)
		}
	}
	return written, a.reindex(ctx, tx, touched)
}
