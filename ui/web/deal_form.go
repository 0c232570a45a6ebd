package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"rolo/app"
	"rolo/ui/request"
)

// dealForm is the deal form's values as typed, so a form with problems
// comes back exactly as the user left it.
type dealForm struct {
	Title             string
	Amount            string
	Currency          string
	StageID           string
	CompanyID         string
	ContactIDs        []string // the first is the primary contact
	OwnerID           string
	ExpectedCloseDate string
	Source            string
	Tags              string
	Notes             string
	LostReason        string
	Version           int
	Custom            customForm
}

func readDealForm(form url.Values) dealForm {
	version, _ := strconv.Atoi(form.Get("version"))
	return dealForm{Title: form.Get("title"), Amount: form.Get("value"), Currency: form.Get("currency"), StageID: form.Get("stage_id"),
		CompanyID: form.Get("company_id"), ContactIDs: form["contact_ids"], OwnerID: form.Get("owner_id"),
		ExpectedCloseDate: form.Get("expected_close_date"), Source: form.Get("source"), Tags: form.Get("tags"),
		Notes: form.Get("notes"), LostReason: form.Get("lost_reason"), Version: version, Custom: readCustomForm(form)}
}

func dealFormOf(d app.Deal) dealForm {
	in := app.DealInputOf(d)
	return dealForm{Title: d.Title, Amount: app.AmountText(d.Value, d.Currency), Currency: d.Currency, StageID: d.StageID,
		CompanyID: d.CompanyID, ContactIDs: in.ContactIDs, OwnerID: d.OwnerID, ExpectedCloseDate: d.ExpectedCloseDate,
		Source: d.Source, Tags: tagField(d.Tags), Notes: d.Notes, LostReason: d.LostReason, Version: d.Version,
		Custom: customFormOf(d.CustomFields)}
}

// input is the app's view of the form. The stage names the pipeline.
func (f dealForm) input() app.DealInput {
	in := app.DealInput{Title: f.Title, Amount: f.Amount, Currency: f.Currency, StageID: f.StageID, CompanyID: f.CompanyID,
		ContactIDs: f.ContactIDs, OwnerID: f.OwnerID, NoOwner: f.OwnerID == "", ExpectedCloseDate: f.ExpectedCloseDate, Source: f.Source,
		Tags: app.SplitTags(f.Tags), Notes: f.Notes, LostReason: f.LostReason, CustomFields: f.Custom.values()}
	if f.Amount == "" {
		in.Amount = "0"
	}
	return in
}

// dealFormPage is the new and edit deal page.
type dealFormPage struct {
	Base
	ID          string // "" for a new deal
	Name        string // the stored title, for the heading of the edit page
	Form        dealForm
	Errors      map[string]string
	Problem     string
	Pipelines   []pipelineChoice
	Company     recordPicker
	Contacts    []recordPicker // one per contact, then an empty one to add another
	Owners      []ownerOption
	Currencies  []string
	LostReasons []string
	Lost        bool // the deal is lost, so the form shows its reason
	Custom      customInputs
}

// currencyChoices are suggested in the currency field; any ISO 4217 code
// is accepted.
var currencyChoices = []string{"USD", "EUR", "GBP", "JPY", "KRW", "CNY", "CAD", "AUD", "CHF", "SGD", "HKD", "TWD", "INR", "BRL", "MXN", "SEK"}

// dealPickers fills the company and contact pickers. The contact rows
// are the contacts as posted (empty rows keep their place, so a search
// in row 2 stays in row 2), then one empty row unless the last is empty.
func (s *site) dealPickers(r *http.Request, page *dealFormPage) error {
	page.Company = recordPicker{Key: "company_id", ID: "company_id", Name: "company_id", Kind: "company", Label: "record.field.company",
		NoneLabel: "record.no_company", Error: page.Errors["company_id"]}
	if err := s.fillPicker(r, &page.Company, page.Form.CompanyID); err != nil {
		return err
	}
	rows := page.Form.ContactIDs
	if len(rows) == 0 || rows[len(rows)-1] != "" {
		rows = append(slices.Clone(rows), "")
	}
	page.Contacts = nil
	for i, id := range rows {
		p := recordPicker{Key: "contact_ids." + strconv.Itoa(i), ID: "contact-" + strconv.Itoa(i), Name: "contact_ids", Kind: "contact", Label: "deals.further_contact",
			NoneLabel: "deals.add_contact_option", Error: page.Errors["contact_ids."+strconv.Itoa(i)], Grow: true}
		if i == 0 {
			p.Label, p.NoneLabel = "deals.primary_contact", "deals.no_contact"
		}
		if err := s.fillPicker(r, &p, id); err != nil {
			return err
		}
		page.Contacts = append(page.Contacts, p)
	}
	return nil
}

// renderDealForm shows page with its choices filled in and problems
// placed beside their fields.
func (s *site) renderDealForm(w http.ResponseWriter, r *http.Request, status int, page dealFormPage) {
	ctx, user := r.Context(), request.CurrentUser(r)
	pipelines, err := s.app.Pipelines(ctx, user)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Pipelines = s.pipelineChoices(page.Lang, pipelines, page.Form.StageID)
	if err := s.dealPickers(r, &page); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	team, err := s.recordTeam(r)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Owners = team.Owners(page.Form.OwnerID)
	page.Currencies = currencyChoices
	page.LostReasons = s.lostReasons(r, page.Lang)
	for _, p := range page.Pipelines {
		for _, st := range p.Stages {
			if st.ID == page.Form.StageID && st.Kind == app.StageLost {
				page.Lost = true
			}
		}
	}
	if len(page.Errors) > 0 && page.Problem == "" && !pickerSearching(r.PostForm) {
		page.Problem = "error.invalid"
	}
	if page.Custom, err = s.customInputsFor(r, "deal", page.Form.Custom, page.Errors); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	s.views.render(w, r, status, "deal_form", page.Lang, page)
}
