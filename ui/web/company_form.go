package web

import (
	"net/http"
	"net/url"
	"strconv"

	"rolo/app"
)

// companyForm is the company form's values as typed.
type companyForm struct {
	Name     string
	Domain   string
	Website  string
	Industry string
	Size     string
	Phone    string
	Address  app.Address
	OwnerID  string
	Tags     string
	Notes    string
	Version  int
	Custom   customForm
}

func readCompanyForm(form url.Values) companyForm {
	version, _ := strconv.Atoi(form.Get("version")) // a missing version is 0, which is always stale
	return companyForm{
		Name: form.Get("name"), Domain: form.Get("domain"), Website: form.Get("website"), Industry: form.Get("industry"),
		Size: form.Get("size"), Phone: form.Get("phone"), Address: readAddress(form), OwnerID: form.Get("owner_id"),
		Tags: form.Get("tags"), Notes: form.Get("notes"), Version: version, Custom: readCustomForm(form),
	}
}

func companyFormOf(c app.Company) companyForm {
	return companyForm{
		Name: c.Name, Domain: c.Domain, Website: c.Website, Industry: c.Industry, Size: c.Size, Phone: c.Phone.Value,
		Address: c.Address, OwnerID: c.OwnerID, Tags: tagField(c.Tags), Notes: c.Notes, Version: c.Version,
		Custom: customFormOf(c.CustomFields),
	}
}

func (f companyForm) input() app.CompanyInput {
	return app.CompanyInput{
		Name: f.Name, Domain: f.Domain, Website: f.Website, Industry: f.Industry, Size: f.Size, Phone: f.Phone,
		Address: f.Address, OwnerID: f.OwnerID, NoOwner: f.OwnerID == "", Notes: f.Notes, Tags: app.SplitTags(f.Tags), CustomFields: f.Custom.values(),
	}
}

// companyFormPage is the new and edit company page.
type companyFormPage struct {
	Base
	ID      string // "" for a new company
	Name    string // the stored name, for the heading of the edit page
	Form    companyForm
	Errors  map[string]string
	Problem string // catalog key of a whole-form message
	Owners  []ownerOption
	Sizes   []string
	Custom  customInputs
	// Duplicates are the likely duplicates a new company met (company_duplicates.go).
	Duplicates *companyDuplicatePanel
	// PhoneRegion names the region typed numbers are read in (phone_unread.go).
	PhoneRegion string
}

func (s *site) renderCompanyForm(w http.ResponseWriter, r *http.Request, status int, page companyFormPage) {
	team, err := s.recordTeam(r)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Owners, page.Sizes = team.Owners(page.Form.OwnerID), app.CompanySizes
	page.PhoneRegion = s.phoneRegionName(page.Lang, s.app.PhoneRegionOf(r.Context(), page.User))
	if page.Custom, err = s.customInputsFor(r, "company", page.Form.Custom, page.Errors); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if len(page.Errors) > 0 && page.Problem == "" {
		page.Problem = "error.invalid"
	}
	s.views.render(w, r, status, "company_form", page.Lang, page)
}
