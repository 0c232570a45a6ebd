package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"rolo/store"
)

// WebForm is a public lead-capture form, with its lists decoded.
type WebForm struct {
	store.WebForm
	FieldList  []string
	OwnerList  []string
	OriginList []string
	TagList    []string
	// Custom are the custom fields the form asks for, by their name in
	// FieldList ("custom_fields.<key>").
	Custom map[string]CustomField
}

func toWebForm(f store.WebForm) WebForm {
	out := WebForm{WebForm: f, TagList: splitList(f.Tags)}
	_ = json.Unmarshal([]byte(f.Fields), &out.FieldList) // only app writes these
	_ = json.Unmarshal([]byte(f.OwnerIDs), &out.OwnerList)
	for _, o := range strings.Fields(f.Origins) {
		out.OriginList = append(out.OriginList, o)
	}
	return out
}

// FormFields are the contact fields a web form may ask for; email is
// always asked, since submissions are matched to contacts by it.
var FormFields = []string{"first_name", "last_name", "email", "phone", "company", "title", "message"}

// WebFormInput is what an admin says about a form.
type WebFormInput struct {
	Name        string
	Fields      []string
	ThankYou    string
	RedirectURL string
	StageID     string
	Tags        string
	LeadSource  string
	OwnerIDs    []string
	Origins     string // one origin a line: https://example.com
	// FillEmpty lets a submission for a known contact fill the fields that
	// contact has left empty. Otherwise (and for fields that hold a value)
	// what was sent is only logged on the contact for a person to review.
	FillEmpty bool
	// ConsentText, when set, puts an unticked consent box with this text
	// under the form; a ticked box is kept on the contact as consent given
	// through the form. ConsentRequired refuses a submission without it.
	ConsentText     string
	ConsentRequired bool
}

// FormConsentField is the name of a form's consent box.
const FormConsentField = "consent"

// maxConsentText bounds the consent text, as the contact page's does.
const maxConsentText = 5000

// CreateWebForm stores a new form.
func (a *App) CreateWebForm(ctx context.Context, actor Actor, in WebFormInput) (WebForm, error) {
	if err := a.can(actor, AreaForms, LevelManage); err != nil {
		return WebForm{}, err
	}
	id := a.cfg.NewID()
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		f, err := a.checkWebForm(ctx, tx, in)
		if err != nil {
			return err
		}
		f.ID = id
		if err := store.InsertWebForm(ctx, tx, f, actorID(actor)); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionWebFormCreated, Entity: "web_form", ID: f.ID, Name: f.Name})
	})
	if err != nil {
		return WebForm{}, err
	}
	return a.WebForm(ctx, id)
}

// checkWebForm cleans what an admin says about a form into the form to
// store (without its id), or the problems by field.
func (a *App) checkWebForm(ctx context.Context, tx *store.Tx, in WebFormInput) (store.WebForm, error) {
	p := map[string]string{}
	name, problem := cleanText(in.Name, 200, false)
	if problem != "" {
		p["name"] = problem
	} else if name == "" {
		p["name"] = "error.required"
	}
	fields := []string{}
	for _, f := range FormFields {
		if f == "email" || contains(in.Fields, f) {
			fields = append(fields, f)
		}
	}
	customFields, err := a.FormCustomFields(ctx)
	if err != nil {
		return store.WebForm{}, err
	}
	fields = append(fields, formCustomChoice(customFields, in.Fields, p)...)
	if in.RedirectURL != "" {
		if u, problem := checkWebhookURL(in.RedirectURL); problem != "" {
			p["redirect_url"] = "error.url_invalid"
		} else {
			in.RedirectURL = u
		}
	}
	var origins []string
	for _, o := range strings.Fields(in.Origins) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			p["origins"] = "error.form_origin_invalid"
			continue
		}
		origins = append(origins, u.Scheme+"://"+u.Host)
	}
	thanks, problem := cleanText(in.ThankYou, 1000, true)
	if problem != "" {
		p["thank_you"] = problem
	}
	consent, problem := cleanText(in.ConsentText, maxConsentText, true)
	if problem != "" {
		p["consent_text"] = problem
	} else if in.ConsentRequired && consent == "" {
		p["consent_text"] = "error.required" // a box that must be ticked needs words to agree to
	}
	if in.StageID != "" {
		if _, err := store.StageByID(ctx, tx, in.StageID); err != nil {
			p["stage_id"] = "error.stage_not_found"
		}
	}
	for _, id := range in.OwnerIDs {
		if err := checkOwner(ctx, tx, id, p); err != nil {
			return store.WebForm{}, err
		}
	}
	if len(p) > 0 {
		return store.WebForm{}, Invalid(p)
	}
	fieldJSON, _ := json.Marshal(fields)
	owners, _ := json.Marshal(append([]string{}, in.OwnerIDs...))
	return store.WebForm{Name: name, Fields: string(fieldJSON), ThankYou: thanks, RedirectURL: in.RedirectURL, StageID: in.StageID,
		Tags: in.Tags, LeadSource: strings.TrimSpace(in.LeadSource), OwnerIDs: string(owners), Origins: strings.Join(origins, "\n"),
		FillEmpty: in.FillEmpty, ConsentText: consent, ConsentRequired: in.ConsentRequired && consent != ""}, nil
}

// WebForms lists every form.
func (a *App) WebForms(ctx context.Context, actor Actor) ([]WebForm, error) {
	if err := a.can(actor, AreaForms, LevelView); err != nil {
		return nil, err
	}
	list, err := store.WebForms(ctx, a.db.Reader())
	out := make([]WebForm, 0, len(list))
	for _, f := range list {
		wf := toWebForm(f)
		if err := a.withCustomFields(ctx, a.db.Reader(), &wf); err != nil {
			return nil, err
		}
		out = append(out, wf)
	}
	return out, err
}

// WebForm loads one form; the public endpoint uses it too, so it needs
// no actor.
func (a *App) WebForm(ctx context.Context, id string) (WebForm, error) {
	f, err := store.WebFormByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return WebForm{}, errorf(ENotFound, "error.form_not_found")
	}
	if err != nil {
		return WebForm{}, err
	}
	wf := toWebForm(f)
	return wf, a.withCustomFields(ctx, a.db.Reader(), &wf)
}

// DeleteWebForm removes a form; its contacts stay.
func (a *App) DeleteWebForm(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaForms, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.DeleteWebForm(ctx, tx, id); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errorf(ENotFound, "error.form_not_found")
			}
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionWebFormDeleted, Entity: "web_form", ID: id})
	})
}

// AllowsOrigin tells whether a browser page at origin may post the form.
func (f WebForm) AllowsOrigin(origin string) bool {
	for _, o := range f.OriginList {
		if strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}
