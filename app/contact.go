package app

import (
	"context"
	"errors"
	"strings"

	"rolo/store"
)

// Contact is a person, as stored.
type Contact = store.Contact

// LifecycleStatuses is the journey of a contact, in order.
var LifecycleStatuses = []string{"subscriber", "lead", "qualified", "opportunity", "customer", "evangelist", "churned", "other"}

// ContactInput is everything a form, the API or an import says about a
// contact. Field problems are reported under the JSON/form names.
type ContactInput struct {
	FirstName       string
	LastName        string
	DisplayName     string
	Title           string
	CompanyID       string
	Address         store.Address
	Birthday        string
	Website         string
	Social          []store.Labeled
	LeadSource      string
	LifecycleStatus string
	OwnerID         string // on a new contact, "" is whoever adds it (see newOwner)
	NoOwner         bool   // a new contact is to have no owner; updates ignore it
	Notes           string
	Emails          []store.Labeled
	Phones          []store.Labeled
	Tags            []string
	// CustomFields sets custom values by field key; a key left out keeps
	// its value, and nil or "" clears it.
	CustomFields CustomValues
}

// InputOf turns a stored contact back into input, so that a partial update
// (API PATCH, bulk edit) changes only what it names.
func InputOf(c Contact) ContactInput {
	in := ContactInput{
		FirstName: c.FirstName, LastName: c.LastName, DisplayName: c.DisplayName, Title: c.Title, CompanyID: c.CompanyID,
		Address: c.Address, Birthday: c.Birthday, Website: c.Website, Social: c.Social, LeadSource: c.LeadSource,
		LifecycleStatus: c.LifecycleStatus, OwnerID: c.OwnerID, Notes: c.Notes, Emails: c.Emails,
		CustomFields: c.CustomFields,
	}
	if composeDisplayName(c.FirstName, c.LastName) == c.DisplayName {
		in.DisplayName = "" // computed, so it follows later name changes
	}
	for _, p := range c.Phones {
		in.Phones = append(in.Phones, store.Labeled{Label: p.Label, Value: p.Value})
	}
	for _, t := range c.Tags {
		in.Tags = append(in.Tags, t.Name)
	}
	return in
}

// CreateContact validates in and stores a new contact with its tags.
func (a *App) CreateContact(ctx context.Context, actor Actor, in ContactInput) (Contact, error) {
	if err := a.can(actor, AreaContacts, LevelCreate); err != nil {
		return Contact{}, err
	}
	var id string
	in.OwnerID = newOwner(actor, in.OwnerID, in.NoOwner)
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		c, tagNames, err := a.validateContact(ctx, tx, actor, in)
		if err != nil {
			return err
		}
		c.ID, c.CreatedBy = a.cfg.NewID(), actorID(actor)
		id = c.ID
		if err := store.InsertContact(ctx, tx, c); err != nil {
			return err
		}
		tags, custom, err := a.saveTagsAndCustom(ctx, tx, actor, "contact", c.ID, tagNames, in.CustomFields, true)
		if err != nil {
			return err
		}
		c.Tags = tags
		if err := a.indexContact(ctx, tx, c.ID); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactCreated, Entity: "contact", ID: c.ID, Name: c.DisplayName,
			Fields: withCustom(contactFields(c), custom), Owner: c.OwnerID})
	})
	if err != nil {
		return Contact{}, err
	}
	return a.Contact(ctx, actor, id)
}

// Contact loads one contact; trashed ones too, so their page can offer a
// restore.
func (a *App) Contact(ctx context.Context, actor Actor, id string) (Contact, error) {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return Contact{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", id); err != nil {
		return Contact{}, err
	}
	c, err := store.ContactByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return c, errorf(ENotFound, "error.contact_not_found")
	}
	if err != nil {
		return c, err
	}
	one := []Contact{c}
	if err = a.fillContacts(ctx, one); err != nil {
		return one[0], err
	}
	return one[0], a.hideFields(ctx, actor, "contact", one[0].CustomFields)
}

// UpdateContact replaces a contact's fields with in, provided nobody saved
// it since the caller read version; otherwise it returns EConflict.
func (a *App) UpdateContact(ctx context.Context, actor Actor, id string, version int, in ContactInput) (Contact, error) {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return Contact{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", id); err != nil {
		return Contact{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		return a.updateContact(ctx, tx, actor, id, version, in)
	})
	if err != nil {
		return Contact{}, err
	}
	return a.Contact(ctx, actor, id)
}

// updateContact saves in over the contact id at version. linked are
// companies it may keep a link to besides its own (see validateContact).
func (a *App) updateContact(ctx context.Context, tx *store.Tx, actor Actor, id string, version int, in ContactInput, linked ...string) error {
	old, err := store.ContactByID(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && old.Trashed()) {
		return errorf(ENotFound, "error.contact_not_found")
	}
	if err != nil {
		return err
	}
	if old.Version != version {
		return errorf(EConflict, "error.stale")
	}
	c, tagNames, err := a.validateContact(ctx, tx, actor, in, append(linked, old.CompanyID)...)
	if err != nil {
		return err
	}
	c.ID, c.Version, c.UpdatedBy = id, version, actorID(actor)
	if err := store.UpdateContact(ctx, tx, c); err != nil {
		if errors.Is(err, store.ErrStale) {
			return errorf(EConflict, "error.stale")
		}
		return err
	}
	tags, custom, err := a.saveTagsAndCustom(ctx, tx, actor, "contact", id, tagNames, in.CustomFields, false)
	if err != nil {
		return err
	}
	c.Tags = tags
	if err := a.indexContactAndDeals(ctx, tx, id); err != nil {
		return err
	}
	changes := diffFields(contactFields(old), contactFields(c))
	for k, v := range custom {
		changes[k] = v
	}
	if len(changes) == 0 {
		return nil
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactUpdated, Entity: "contact", ID: id, Name: c.DisplayName, Changes: changes})
}

// contactFields flattens a contact for the audit log, with JSON names.
func contactFields(c Contact) map[string]string {
	f := map[string]string{
		"first_name": c.FirstName, "last_name": c.LastName, "display_name": c.DisplayName, "title": c.Title,
		"company_id": c.CompanyID, "birthday": c.Birthday, "website": c.Website, "lead_source": c.LeadSource,
		fieldLifecycle: c.LifecycleStatus, fieldOwner: c.OwnerID, "notes": c.Notes,
		"address": joinNonEmpty(", ", c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country),
	}
	var emails, phones, social, tags []string
	for _, e := range c.Emails {
		emails = append(emails, labeled(e.Label, e.Value))
	}
	for _, p := range c.Phones {
		phones = append(phones, labeled(p.Label, p.Value))
	}
	for _, s := range c.Social {
		social = append(social, labeled(s.Label, s.Value))
	}
	for _, t := range c.Tags {
		tags = append(tags, t.Name)
	}
	f["emails"], f["phones"], f["social"], f[fieldTags] = strings.Join(emails, "; "), strings.Join(phones, "; "), strings.Join(social, "; "), strings.Join(tags, ", ")
	return f
}

func labeled(label, value string) string {
	if label == "" {
		return value
	}
	return label + ": " + value
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// diffFields returns {field: {from, to}} for every field that changed.
func diffFields(before, after map[string]string) map[string]FieldChange {
	changes := map[string]FieldChange{}
	for k, v := range after {
		if before[k] != v {
			changes[k] = FieldChange{From: before[k], To: v}
		}
	}
	return changes
}

// TrashContact moves a contact to the trash; RestoreContact brings it back
// with its emails, phones, tags and company link, which were never removed.
func (a *App) TrashContact(ctx context.Context, actor Actor, id string) error {
	return a.setContactTrashed(ctx, actor, id, true)
}

// RestoreContact takes a contact out of the trash.
func (a *App) RestoreContact(ctx context.Context, actor Actor, id string) error {
	return a.setContactTrashed(ctx, actor, id, false)
}

func (a *App) setContactTrashed(ctx context.Context, actor Actor, id string, trash bool) error {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", id); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		return a.trashContact(ctx, tx, actor, id, trash)
	})
}

func (a *App) trashContact(ctx context.Context, tx *store.Tx, actor Actor, id string, trash bool) error {
	c, err := store.ContactByID(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && c.Trashed() == trash) {
		return errorf(ENotFound, "error.contact_not_found")
	}
	if err != nil {
		return err
	}
	if err := store.TrashContact(ctx, tx, id, actorID(actor), trash); err != nil {
		return err
	}
	if err := a.indexContact(ctx, tx, id); err != nil {
		return err
	}
	action := ActionContactRestored
	if trash {
		action = ActionContactDeleted
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "contact", ID: id, Name: c.DisplayName})
}

// ContactList is one page of contacts with the total the filters match.
type ContactList struct {
	store.ContactPage
	Total int
}

// ListContacts pages through contacts.
func (a *App) ListContacts(ctx context.Context, actor Actor, q store.ListQuery) (ContactList, error) {
	page, total, err := listWith(ctx, a, actor, "contact", q, store.ListContacts, store.CountContacts)
	return ContactList{ContactPage: page, Total: total}, err
}

func (a *App) checkListQuery(q store.ListQuery, contacts bool) error {
	p := map[string]string{}
	if q.Sort != "" && !contains(store.Sorts, q.Sort) && (q.SortField == "" || q.Sort != "-") {
		p["sort"] = "error.sort_invalid"
	}
	if contacts && q.Status != "" && !contains(LifecycleStatuses, q.Status) {
		p["status"] = "error.status_invalid"
	}
	if q.Limit < 0 || q.Limit > 500 {
		p["limit"] = "error.limit_invalid"
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}
