package app

import (
	"context"
	"strings"

	"rolo/store"
)

// FormHoneypot is the hidden field of every form: people leave it empty,
// bots that fill every field do not.
const FormHoneypot = "website_url"

// Submission is what a visitor sent, with where from.
type Submission struct {
	Values map[string]string
	Client string // the sender's address, for the rate limit
}

// SubmitResult says what became of a submission.
type SubmitResult struct {
	ContactID string
	Created   bool
	Spam      bool // caught by the honeypot: answered as if accepted, not stored
}

// SubmitForm takes a public submission: the honeypot and the rate limits
// first, then the contact is found by email or created, put in the form's
// stage, and form.submitted starts the automation — all in one
// transaction. A known contact is never changed by what an anonymous
// visitor typed: the submission is logged on it as an activity for a
// person to review (and, if the form says so, fills its empty fields).
func (a *App) SubmitForm(ctx context.Context, formID string, sub Submission) (SubmitResult, error) {
	f, err := a.WebForm(ctx, formID)
	if err != nil {
		return SubmitResult{}, err
	}
	if !f.Enabled {
		return SubmitResult{}, errorf(ENotFound, "error.form_not_found")
	}
	if strings.TrimSpace(sub.Values[FormHoneypot]) != "" {
		return SubmitResult{Spam: true}, nil
	}
	email := NormalizeEmail(sub.Values["email"])
	if email == "" {
		return SubmitResult{}, Invalid(map[string]string{"email": "error.email_invalid"})
	}
	consent := consentTicked(f, sub.Values)
	if f.ConsentRequired && !consent {
		return SubmitResult{}, Invalid(map[string]string{FormConsentField: "error.consent_required"})
	}
	if ok, retry := a.hooks.forms.allow(a.now(), formKeys(formID, sub.Client, email)...); !ok {
		return SubmitResult{}, &Error{Code: ETooMany, Message: "error.form_too_many", RetryAfter: retry}
	}
	var res SubmitResult
	ctx = WithOrigin(ctx, Origin{Kind: OriginWebForm, ID: f.ID, Name: f.Name})
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		ids, err := store.ContactIDsByEmail(ctx, tx, []string{email})
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			res.ContactID = ids[0]
			if err := a.reviewFromForm(ctx, tx, f, ids[0], sub.Values); err != nil {
				return err
			}
		} else {
			res.Created = true
			if res.ContactID, err = a.createFromForm(ctx, tx, f, email, sub.Values); err != nil {
				return err
			}
			if msg := strings.TrimSpace(sub.Values["message"]); msg != "" {
				if err := a.formNote(ctx, tx, f, res.ContactID, msg); err != nil {
					return err
				}
			}
		}
		if consent {
			if err := a.formConsent(ctx, tx, f, res.ContactID); err != nil {
				return err
			}
		}
		if f.StageID != "" {
			c, err := store.ContactByID(ctx, tx, res.ContactID)
			if err != nil {
				return err
			}
			if err := a.saveDeal(ctx, tx, nil, Deal{ID: a.cfg.NewID()}, DealInput{Title: c.DisplayName + " · " + f.Name, StageID: f.StageID,
				ContactIDs: []string{res.ContactID}, OwnerID: c.OwnerID, Source: f.Name}); err != nil {
				return err
			}
		}
		if err := store.InsertSubmission(ctx, tx, a.cfg.NewID(), f.ID, res.ContactID, res.Created, sub.Client); err != nil {
			return err
		}
		return a.record(ctx, tx, "", Change{Action: ActionFormSubmitted, Entity: "contact", ID: res.ContactID, Name: f.Name, Form: f.ID,
			Details: map[string]any{"created": res.Created}})
	})
	return res, err
}

// formNote logs text on a contact as a note named after the form.
func (a *App) formNote(ctx context.Context, tx *store.Tx, f WebForm, contactID, text string) error {
	act, err := a.validateActivity(ctx, tx, nil, ActivityInput{TypeID: "note", Outcome: f.Name, Body: text,
		Links: []RecordRef{{Entity: "contact", ID: contactID}}}, Activity{})
	if err != nil {
		return err
	}
	act.ID = a.cfg.NewID()
	return store.InsertActivity(ctx, tx, act)
}

func formInput(in *ContactInput, v map[string]string) {
	set := func(dst *string, key string) {
		if s := strings.TrimSpace(v[key]); s != "" {
			*dst = s
		}
	}
	set(&in.FirstName, "first_name")
	set(&in.LastName, "last_name")
	set(&in.Title, "title")
	if p := strings.TrimSpace(v["phone"]); p != "" {
		in.Phones = append(in.Phones, store.Labeled{Label: "work", Value: p})
	}
}

func (a *App) createFromForm(ctx context.Context, tx *store.Tx, f WebForm, email string, v map[string]string) (string, error) {
	in := ContactInput{Emails: []store.Labeled{{Label: "work", Value: email}}, LeadSource: f.LeadSource, Tags: f.TagList}
	if in.LeadSource == "" {
		in.LeadSource = f.Name
	}
	formInput(&in, v)
	if len(f.OwnerList) > 0 {
		pos, err := store.NextFormOwner(ctx, tx, f.ID, len(f.OwnerList))
		if err != nil {
			return "", err
		}
		in.OwnerID = f.OwnerList[pos]
	}
	if name := sentCompany(f, v); name != "" {
		var err error
		if in.CompanyID, err = a.formCompany(ctx, tx, f, name, in.OwnerID); err != nil {
			return "", err
		}
	}
	c, tagNames, err := a.validateContact(ctx, tx, nil, in)
	if err != nil {
		return "", err
	}
	c.ID = a.cfg.NewID()
	if err := store.InsertContact(ctx, tx, c); err != nil {
		return "", err
	}
	custom, err := a.saveFormCustom(ctx, tx, f, c.ID, v, true, false)
	if err != nil {
		return "", err
	}
	tags, err := a.ensureTags(ctx, tx, nil, tagNames)
	if err != nil {
		return "", err
	}
	if err := store.SetTags(ctx, tx, "contact", c.ID, tagIDs(tags)); err != nil {
		return "", err
	}
	c.Tags = tags
	if err := a.indexContact(ctx, tx, c.ID); err != nil {
		return "", err
	}
	return c.ID, a.record(ctx, tx, "", Change{Action: ActionContactCreated, Entity: "contact", ID: c.ID, Name: c.DisplayName,
		Fields: withCustom(contactFields(c), custom), Owner: c.OwnerID, Form: f.ID})
}

// reviewFromForm handles a submission for a contact that exists. Anyone
// can post any address to a public form, so nothing the visitor typed
// replaces what the contact has: every value sent is logged on the
// contact as a note for a person to review, and only a form set to fill
// empty fields writes, and only into fields that are empty.
func (a *App) reviewFromForm(ctx context.Context, tx *store.Tx, f WebForm, id string, v map[string]string) error {
	c, err := store.ContactByID(ctx, tx, id)
	if err != nil {
		return err
	}
	custom, err := a.saveFormCustom(ctx, tx, f, id, v, f.FillEmpty, true)
	if err != nil {
		return err
	}
	if f.FillEmpty {
		if len(custom) > 0 {
			if err := a.record(ctx, tx, "", Change{Action: ActionContactUpdated, Entity: "contact", ID: id, Name: c.DisplayName, Changes: custom, Form: f.ID}); err != nil {
				return err
			}
		}
		in := InputOf(c)
		fillEmpty(&in, v)
		if name := sentCompany(f, v); name != "" && in.CompanyID == "" {
			if in.CompanyID, err = a.formCompany(ctx, tx, f, name, c.OwnerID); err != nil {
				return err
			}
		}
		if err := a.updateContact(ctx, tx, nil, id, c.Version, in); err != nil {
			return err
		}
	}
	return a.formNote(ctx, tx, f, id, submittedText(f, v))
}

// fillEmpty sets the fields of in that are empty from what a form sent.
func fillEmpty(in *ContactInput, v map[string]string) {
	var sent ContactInput
	formInput(&sent, v)
	for _, f := range []struct{ dst, src *string }{{&in.FirstName, &sent.FirstName}, {&in.LastName, &sent.LastName}, {&in.Title, &sent.Title}} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	if len(in.Phones) == 0 {
		in.Phones = sent.Phones
	}
}

// submittedText lists what a form sent, a line per field it asks for, the
// message last, for the note a person reviews.
func submittedText(f WebForm, v map[string]string) string {
	var lines []string
	for _, name := range f.FieldList {
		if value := strings.TrimSpace(v[name]); value != "" && name != "message" {
			lines = append(lines, name+": "+value)
		}
	}
	if consentTicked(f, v) {
		lines = append(lines, FormConsentField+": "+f.ConsentText)
	}
	if msg := strings.TrimSpace(v["message"]); msg != "" {
		lines = append(lines, "", msg)
	}
	return strings.Join(lines, "\n")
}
