package app

import (
	"context"
	"strings"
	"time"

	"rolo/store"
)

// Consent is a person's agreement to be contacted and their preferences.
type Consent = store.Consent

// ConsentStatuses are the states of a person's marketing consent.
var ConsentStatuses = []string{"unknown", "granted", "withdrawn"}

// ConsentInput is what the contact page's consent form sends.
type ConsentInput struct {
	Status       string
	GivenAt      string // YYYY-MM-DD, or "" for none
	Source       string
	Wording      string
	DoNotContact bool
	Unsubscribed bool
}

// ContactConsent reads a contact's consent.
func (a *App) ContactConsent(ctx context.Context, actor Actor, contactID string) (Consent, error) {
	if err := a.checkContactReadable(ctx, actor, contactID); err != nil {
		return Consent{}, err
	}
	return store.ConsentOf(ctx, a.db.Reader(), contactID)
}

// SetConsent records a contact's consent, do-not-contact flag and
// unsubscription. Unsubscribing stamps the moment and withdraws consent.
func (a *App) SetConsent(ctx context.Context, actor Actor, contactID string, in ConsentInput) (Consent, error) {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return Consent{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", contactID); err != nil {
		return Consent{}, err
	}
	problems := map[string]string{}
	in.Status = strings.TrimSpace(in.Status)
	if in.Status == "" {
		in.Status = "unknown"
	}
	if !contains(ConsentStatuses, in.Status) {
		problems["consent_status"] = "error.consent_status_invalid"
	}
	var given time.Time
	if s := strings.TrimSpace(in.GivenAt); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			problems["consent_date"] = "error.consent_date_invalid"
		}
		given = t
	}
	if len(in.Source) > 200 {
		problems["consent_source"] = "error.too_long"
	}
	if len(in.Wording) > 5000 {
		problems["consent_text"] = "error.too_long"
	}
	if len(problems) > 0 {
		return Consent{}, Invalid(problems)
	}
	var out Consent
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := store.ContactByID(ctx, tx, contactID); err != nil {
			if err == store.ErrNotFound {
				return errorf(ENotFound, "error.contact_not_found")
			}
			return err
		}
		old, err := store.ConsentOf(ctx, tx, contactID)
		if err != nil {
			return err
		}
		c := Consent{ContactID: contactID, Status: in.Status, GivenAt: given, Source: strings.TrimSpace(in.Source),
			Wording: strings.TrimSpace(in.Wording), DoNotContact: in.DoNotContact, UnsubscribedAt: old.UnsubscribedAt}
		// Consent given through a web form keeps its form and its exact
		// moment while whoever edits the card leaves what was given as it
		// was (the card shows the day only).
		if c.Status == old.Status && c.Source == old.Source && c.Wording == old.Wording &&
			c.GivenAt.Format(time.DateOnly) == old.GivenAt.UTC().Format(time.DateOnly) {
			c.GivenAt, c.FormID = old.GivenAt, old.FormID
		}
		switch {
		case in.Unsubscribed && old.UnsubscribedAt.IsZero():
			c.UnsubscribedAt = a.now()
			c.Status = "withdrawn"
		case !in.Unsubscribed:
			c.UnsubscribedAt = time.Time{}
		}
		if err := store.PutConsent(ctx, tx, c); err != nil {
			return err
		}
		out = c
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactConsentChanged, Entity: "contact", ID: contactID,
			Details: map[string]any{"consent_status": c.Status, "do_not_contact": c.DoNotContact, "unsubscribed": !c.UnsubscribedAt.IsZero()}})
	})
	return out, err
}

// PersonData is everything Rolo holds about one person, for a data
// subject's access request.
type PersonData struct {
	Contact    Contact          `json:"contact"`
	Company    string           `json:"company,omitempty"`
	Consent    Consent          `json:"consent"`
	Activities []store.Activity `json:"activities"`
	Tasks      []store.Task     `json:"tasks"`
	Deals      []store.DealRow  `json:"deals"`
	History    []AuditEntry     `json:"history"`
	ExportedAt time.Time        `json:"exported_at"`
}

// ExportPerson gathers everything about one contact (contacts: view, and
// the contact visible to actor). The export itself is audited.
func (a *App) ExportPerson(ctx context.Context, actor Actor, id string) (PersonData, error) {
	c, err := a.Contact(ctx, actor, id)
	if err != nil {
		return PersonData{}, err
	}
	p := PersonData{Contact: c, ExportedAt: a.now(), Activities: []store.Activity{}, Tasks: []store.Task{}, Deals: []store.DealRow{}}
	db := a.db.Reader()
	if c.CompanyID != "" {
		if co, err := store.CompanyByID(ctx, db, c.CompanyID); err == nil {
			p.Company = co.Name
		}
	}
	if p.Consent, err = store.ConsentOf(ctx, db, id); err != nil {
		return p, err
	}
	ref := store.RecordRef{Entity: "contact", ID: id}
	for cursor := ""; ; {
		page, err := store.ListActivities(ctx, db, store.ActivityQuery{Record: ref, Cursor: cursor, Limit: 500})
		if err != nil {
			return p, err
		}
		p.Activities = append(p.Activities, page.Activities...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	for cursor := ""; ; {
		page, err := store.ListTasks(ctx, db, store.TaskQuery{Record: ref, Cursor: cursor, Limit: 500})
		if err != nil {
			return p, err
		}
		p.Tasks = append(p.Tasks, page.Tasks...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if p.Deals, err = store.DealsOf(ctx, db, "contact", id, 1000); err != nil {
		return p, err
	}
	if p.History, err = a.History(ctx, actor, "contact", id, 1000); err != nil {
		return p, err
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactExported, Entity: "contact", ID: id})
	})
	return p, err
}
