package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"rolo/app"
)

// contactForm is the contact form's values as typed, so a form with
// problems comes back exactly as the user left it.
type contactForm struct {
	FirstName       string
	LastName        string
	DisplayName     string
	Title           string
	CompanyID       string
	Emails          []formPair
	Phones          []formPair
	Address         app.Address
	Birthday        string
	Website         string
	Social          []formPair
	LeadSource      string
	LifecycleStatus string
	OwnerID         string
	Tags            string
	Notes           string
	Version         int
	Custom          customForm
}

func readContactForm(form url.Values) contactForm {
	version, _ := strconv.Atoi(form.Get("version")) // a missing version is 0, which is always stale
	return contactForm{
		FirstName: form.Get("first_name"), LastName: form.Get("last_name"), DisplayName: form.Get("display_name"),
		Title: form.Get("title"), CompanyID: form.Get("company_id"),
		Emails: readPairs(form, "emails"), Phones: readPairs(form, "phones"), Social: readPairs(form, "social"),
		Address: readAddress(form), Birthday: form.Get("birthday"), Website: form.Get("website"),
		LeadSource: form.Get("lead_source"), LifecycleStatus: form.Get("lifecycle_status"), OwnerID: form.Get("owner_id"),
		Tags: form.Get("tags"), Notes: form.Get("notes"), Version: version, Custom: readCustomForm(form),
	}
}

// contactFormOf fills the form from a stored contact, with room for one
// or two more emails, phones and profiles.
func contactFormOf(c app.Contact) contactForm {
	phones := make([]app.Labeled, len(c.Phones))
	for i, p := range c.Phones {
		phones[i] = app.Labeled{Label: p.Label, Value: p.Value}
	}
	in := app.InputOf(c) // keeps a composed display name empty, so it follows name changes
	return contactForm{
		FirstName: c.FirstName, LastName: c.LastName, DisplayName: in.DisplayName, Title: c.Title, CompanyID: c.CompanyID,
		Emails: pairsOf("emails", c.Emails, 2, 2), Phones: pairsOf("phones", phones, 2, 2), Social: pairsOf("social", c.Social, 1, 2),
		Address: c.Address, Birthday: strings.TrimPrefix(c.Birthday, "--"), Website: c.Website, LeadSource: c.LeadSource,
		LifecycleStatus: c.LifecycleStatus, OwnerID: c.OwnerID, Tags: tagField(c.Tags), Notes: c.Notes, Version: c.Version,
		Custom: customFormOf(c.CustomFields),
	}
}

func (f contactForm) input() app.ContactInput {
	return app.ContactInput{
		FirstName: f.FirstName, LastName: f.LastName, DisplayName: f.DisplayName, Title: f.Title, CompanyID: f.CompanyID,
		Address: f.Address, Birthday: f.Birthday, Website: f.Website, Social: labeledOf(f.Social), LeadSource: f.LeadSource,
		LifecycleStatus: f.LifecycleStatus, OwnerID: f.OwnerID, NoOwner: f.OwnerID == "", Notes: f.Notes,
		Emails: labeledOf(f.Emails), Phones: labeledOf(f.Phones), Tags: app.SplitTags(f.Tags), CustomFields: f.Custom.values(),
	}
}

// contactFormPage is the new and edit contact page.
type contactFormPage struct {
	Base
	ID       string // "" for a new contact
	Name     string // the stored name, for the heading of the edit page
	Form     contactForm
	Errors   map[string]string
	Problem  string // catalog key of a whole-form message
	Company  recordPicker
	Owners   []ownerOption
	Statuses []string
	Custom   customInputs
	// Duplicates are the likely duplicates a save met (contact_duplicates.go).
	Duplicates *duplicatePanel
	// PhoneRegion names the region typed numbers are read in (phone_unread.go).
	PhoneRegion string
}

// renderContactForm shows page with its choices filled in and problems
// placed beside their fields.
func (s *site) renderContactForm(w http.ResponseWriter, r *http.Request, status int, page contactFormPage) {
	page.Company = recordPicker{Key: "company_id", ID: "company_id", Name: "company_id", Kind: "company", Label: "record.field.company",
		NoneLabel: "record.no_company", Error: page.Errors["company_id"]}
	if err := s.fillPicker(r, &page.Company, page.Form.CompanyID); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	team, err := s.recordTeam(r)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Owners, page.Statuses = team.Owners(page.Form.OwnerID), app.LifecycleStatuses
	page.PhoneRegion = s.phoneRegionName(page.Lang, s.app.PhoneRegionOf(r.Context(), page.User))
	if page.Custom, err = s.customInputsFor(r, "contact", page.Form.Custom, page.Errors); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	f := &page.Form
	f.Emails, f.Phones, f.Social = withSpareRow(f.Emails, "emails"), withSpareRow(f.Phones, "phones"), withSpareRow(f.Social, "social")
	markPairs(page.Form.Emails, page.Errors)
	markPairs(page.Form.Phones, page.Errors)
	markPairs(page.Form.Social, page.Errors)
	if len(page.Errors) > 0 && page.Problem == "" {
		page.Problem = "error.invalid"
	}
	s.views.render(w, r, status, "contact_form", page.Lang, page)
}

// refuseViewer answers a form page for a role that may not write with
// the forbidden page, rather than a form that cannot be saved.
func (s *site) refuseViewer(w http.ResponseWriter, r *http.Request, b Base) bool {
	if app.CanWriteRecords(b.User) {
		return false
	}
	s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
	return true
}
