package app

import (
	"context"
	"strings"

	"rolo/store"
)

// A web form may ask for two things beyond the contact's own fields: the
// company the visitor works for, which links the contact to a company
// record, and consent, kept as given through the form.

// consentTicked tells whether a submission ticked the form's consent box;
// a form that asks for none has none to tick.
func consentTicked(f WebForm, v map[string]string) bool {
	if f.ConsentText == "" {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(v[FormConsentField])) {
	case "", "false", "0", "off", "no":
		return false
	}
	return true
}

// formConsent keeps a ticked box as the contact's consent given through
// f: the text the visitor was shown and the moment they sent it. A
// contact whose consent is on record already keeps it: anyone can type a
// known address into a public form, so granting again over a withdrawal
// stays with a person, who finds the ticked box in the review note.
func (a *App) formConsent(ctx context.Context, tx *store.Tx, f WebForm, contactID string) error {
	old, err := store.ConsentOf(ctx, tx, contactID)
	if err != nil || !old.UpdatedAt.IsZero() {
		return err
	}
	c := Consent{ContactID: contactID, Status: "granted", GivenAt: tx.Now, Source: f.Name, Wording: f.ConsentText, FormID: f.ID}
	if err := store.PutConsent(ctx, tx, c); err != nil {
		return err
	}
	return a.record(ctx, tx, "", Change{Action: ActionContactConsentChanged, Entity: "contact", ID: contactID, Form: f.ID,
		Details: map[string]any{"consent_status": c.Status, "do_not_contact": false, "unsubscribed": false}})
}

// formCompany finds the live company named as sent, whatever its case,
// or creates it with the contact's owner.
func (a *App) formCompany(ctx context.Context, tx *store.Tx, f WebForm, name, ownerID string) (string, error) {
	known, err := store.CompanyIDsBySortName(ctx, tx, []string{foldKey(name)})
	if err != nil {
		return "", err
	}
	if id := known[foldKey(name)]; id != "" {
		return id, nil
	}
	co, _, err := a.validateCompany(ctx, tx, CompanyInput{Name: name, OwnerID: ownerID})
	if err != nil {
		if e := AsError(err); e.Code == EInvalid && e.Fields["name"] != "" {
			return "", Invalid(map[string]string{"company": e.Fields["name"]})
		}
		return "", err
	}
	co.ID = a.cfg.NewID()
	if err := store.InsertCompany(ctx, tx, co); err != nil {
		return "", err
	}
	if err := a.indexCompany(ctx, tx, co.ID); err != nil {
		return "", err
	}
	return co.ID, a.record(ctx, tx, "", Change{Action: ActionCompanyCreated, Entity: "company", ID: co.ID, Name: co.Name,
		Fields: companyFields(co), Owner: co.OwnerID, Form: f.ID})
}

// sentCompany is the company name a submission gives, if the form asks
// for one.
func sentCompany(f WebForm, v map[string]string) string {
	if !contains(f.FieldList, "company") {
		return ""
	}
	return strings.TrimSpace(v["company"])
}
