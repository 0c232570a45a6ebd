package app

import (
	"context"
	"strings"
	"sync"
	"time"

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

// formLimit is how many submissions one address may send per form in
// formWindow; more are refused with ETooMany.
const (
	formLimit  = 5
	formWindow = 10 * time.Minute
)

// formLimiter counts recent submissions per form and address, in memory:
// a restart forgetting them is harmless.
type formLimiter struct {
	mu   sync.Mutex
	seen map[string][]time.Time
}

func (l *formLimiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[string][]time.Time{}
	}
	if len(l.seen) > 10_000 { // a flood of addresses must not grow memory without end
		l.seen = map[string][]time.Time{}
	}
	recent := l.seen[key][:0]
	for _, t := range l.seen[key] {
		if now.Sub(t) < formWindow {
			recent = append(recent, t)
		}
	}
	if len(recent) >= formLimit {
		l.seen[key] = recent
		return false, formWindow - now.Sub(recent[0])
	}
	l.seen[key] = append(recent, now)
	return true, 0
}

// SubmitForm takes a public submission: the honeypot and the rate limit
// first, then the contact is found by email and updated, or created, put
// in the form's stage with its tags and owner, and form.submitted starts
// the automation — all in one transaction.
func (a *App) SubmitForm(ctx context.Context, formID string, sub Submission) (SubmitResult, error) {
	f, err := a.WebFormByID(ctx, formID)
	if err != nil {
		return SubmitResult{}, err
	}
	if !f.Enabled {
		return SubmitResult{}, errorf(ENotFound, "error.form_not_found")
	}
	if strings.TrimSpace(sub.Values[FormHoneypot]) != "" {
		return SubmitResult{Spam: true}, nil
	}
	if ok, retry := a.hooks.forms.allow(formID+"|"+sub.Client, a.now()); !ok {
		return SubmitResult{}, &Error{Code: ETooMany, Message: "error.form_too_many", RetryAfter: retry}
	}
	email := NormalizeEmail(sub.Values["email"])
	if email == "" {
		return SubmitResult{}, Invalid(map[string]string{"email": "error.email_invalid"})
	}
	var res SubmitResult
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		ids, err := store.ContactIDsByEmail(ctx, tx, []string{email})
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			res.ContactID = ids[0]
			if err := a.updateFromForm(ctx, tx, f, ids[0], sub.Values); err != nil {
				return err
			}
		} else {
			res.Created = true
			if res.ContactID, err = a.createFromForm(ctx, tx, f, email, sub.Values); err != nil {
				return err
			}
		}
		if f.StageID != "" {
			name := strings.TrimSpace(sub.Values["first_name"] + " " + sub.Values["last_name"])
			if name == "" {
				name = email
			}
			c, err := store.ContactByID(ctx, tx, res.ContactID)
			if err != nil {
				return err
			}
			if err := a.saveDeal(ctx, tx, nil, Deal{ID: a.cfg.NewID()}, DealInput{Title: name + " · " + f.Name, StageID: f.StageID,
				ContactIDs: []string{res.ContactID}, OwnerID: c.OwnerID, Source: f.Name}); err != nil {
				return err
			}
		}
		if msg := strings.TrimSpace(sub.Values["message"]); msg != "" {
			act, err := a.validateActivity(ctx, tx, nil, ActivityInput{TypeID: "note", Outcome: f.Name, Body: msg,
				Links: []RecordRef{{Entity: "contact", ID: res.ContactID}}}, Activity{})
			if err != nil {
				return err
			}
			act.ID = a.cfg.NewID()
			if err := store.InsertActivity(ctx, tx, act); err != nil {
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
	c, tagNames, err := a.validateContact(ctx, tx, nil, in)
	if err != nil {
		return "", err
	}
	c.ID = a.cfg.NewID()
	if err := store.InsertContact(ctx, tx, c); err != nil {
		return "", err
	}
	custom, err := a.saveFormCustom(ctx, tx, f, c.ID, v)
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

// updateFromForm fills what the visitor sent into an existing contact and
// adds the form's tags; what the contact already has stays.
func (a *App) updateFromForm(ctx context.Context, tx *store.Tx, f WebForm, id string, v map[string]string) error {
	c, err := store.ContactByID(ctx, tx, id)
	if err != nil {
		return err
	}
	custom, err := a.saveFormCustom(ctx, tx, f, id, v)
	if err != nil {
		return err
	}
	if len(custom) > 0 {
		if err := a.record(ctx, tx, "", Change{Action: ActionContactUpdated, Entity: "contact", ID: id, Name: c.DisplayName, Changes: custom, Form: f.ID}); err != nil {
			return err
		}
	}
	in := InputOf(c)
	formInput(&in, v)
	for _, t := range f.TagList {
		if !containsFold(in.Tags, t) {
			in.Tags = append(in.Tags, t)
		}
	}
	return a.updateContact(ctx, tx, nil, id, c.Version, in)
}
