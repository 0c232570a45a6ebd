package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

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
	Companies   []companyOption
	Contacts    []contactOption
	ContactRows []contactRow
	Owners      []ownerOption
	Currencies  []string
	LostReasons []string
	Lost        bool // the deal is lost, so the form shows its reason
	Custom      customInputs
}

// contactOption is one choice in a contact select.
type contactOption struct {
	ID      string
	Name    string
	Trashed bool
}

// contactRow is one contact select of the form, with its problem.
type contactRow struct {
	Index    int
	Selected string
	Error    string
}

// currencyChoices are suggested in the currency field; any ISO 4217 code
// is accepted.
var currencyChoices = []string{"USD", "EUR", "GBP", "JPY", "KRW", "CNY", "CAD", "AUD", "CHF", "SGD", "HKD", "TWD", "INR", "BRL", "MXN", "SEK"}

// maxContactOptions bounds each contact select; the deal's company's
// people and the deal's own contacts are always offered.
const maxContactOptions = 200

func (s *site) contactOptions(r *http.Request, companyID string, selected []string) ([]contactOption, error) {
	ctx, user := r.Context(), request.CurrentUser(r)
	seen := map[string]bool{}
	var out []contactOption
	add := func(id, name string, trashed bool) {
		if !seen[id] {
			seen[id] = true
			out = append(out, contactOption{ID: id, Name: name, Trashed: trashed})
		}
	}
	chosen, err := s.app.ContactsByID(ctx, user, selected)
	if err != nil {
		return nil, err
	}
	for _, c := range chosen {
		add(c.ID, c.DisplayName, c.Trashed())
	}
	first := len(out)
	queries := []app.ListQuery{{Sort: "name", Limit: maxContactOptions}}
	if companyID != "" {
		queries = append([]app.ListQuery{{Company: companyID, Sort: "name", Limit: maxContactOptions}}, queries...)
	}
	for _, q := range queries {
		list, err := s.app.ListContacts(ctx, user, q)
		if err != nil {
			return nil, err
		}
		for _, c := range list.Rows {
			add(c.ID, c.DisplayName, false)
		}
	}
	// The linked contacts first, then everyone else by name.
	slices.SortStableFunc(out[first:], func(a, b contactOption) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out, nil
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
	if page.Companies, err = s.companyOptions(r, page.Form.CompanyID); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if page.Contacts, err = s.contactOptions(r, page.Form.CompanyID, page.Form.ContactIDs); err != nil {
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
	rows := len(page.Form.ContactIDs) + 1
	for i := range rows {
		row := contactRow{Index: i, Error: page.Errors["contact_ids."+strconv.Itoa(i)]}
		if i < len(page.Form.ContactIDs) {
			row.Selected = page.Form.ContactIDs[i]
		}
		page.ContactRows = append(page.ContactRows, row)
	}
	for _, p := range page.Pipelines {
		for _, st := range p.Stages {
			if st.ID == page.Form.StageID && st.Kind == app.StageLost {
				page.Lost = true
			}
		}
	}
	if len(page.Errors) > 0 && page.Problem == "" {
		page.Problem = "error.invalid"
	}
	if page.Custom, err = s.customInputsFor(r, "deal", page.Form.Custom, page.Errors); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	s.views.render(w, r, status, "deal_form", page.Lang, page)
}
