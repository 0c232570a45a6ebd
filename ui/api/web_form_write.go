package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Web forms as the forms page builds them: list, show, create, change
// every setting, delete. Reading needs view rights on forms, changing
// them manage rights, as on the page; the app checks again.

// WebFormJSON is a lead-capture form with its public address.
type WebFormJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Fields      []string `json:"fields"` // contact fields and custom_fields.<key>, in order; email always
	ThankYou    string   `json:"thank_you"`
	RedirectURL string   `json:"redirect_url"`
	StageID     *string  `json:"stage_id"` // a deal is opened here for each new lead; null for none
	Tags        []string `json:"tags"`
	LeadSource  string   `json:"lead_source"`
	OwnerIDs    []string `json:"owner_ids"` // new leads go round these users in turn
	Origins     []string `json:"origins"`   // sites whose pages may post the form from the browser
	FillEmpty   bool     `json:"fill_empty"`
	// ConsentText, when set, puts an unticked consent box with these words
	// under the form; ConsentRequired refuses a submission without it.
	ConsentText     string    `json:"consent_text"`
	ConsentRequired bool      `json:"consent_required"`
	Submissions     int       `json:"submissions"`
	URL             string    `json:"url"` // where the form is shown and posted
	CreatedAt       time.Time `json:"created_at"`
	Version         int       `json:"version"` // what a PATCH sends back
}

// WebFormInput creates a form; fields defaults to email alone.
type WebFormInput struct {
	Name        string   `json:"name"`
	Fields      []string `json:"fields"`
	ThankYou    string   `json:"thank_you"`
	RedirectURL string   `json:"redirect_url"`
	StageID     string   `json:"stage_id"`
	Tags        []string `json:"tags"`
	LeadSource  string   `json:"lead_source"`
	OwnerIDs    []string `json:"owner_ids"`
	Origins     []string `json:"origins"`
	FillEmpty   bool     `json:"fill_empty"`
	// ConsentText asks for consent in these words; ConsentRequired refuses
	// a submission without the box ticked.
	ConsentText     string `json:"consent_text"`
	ConsentRequired bool   `json:"consent_required"`
}

// WebFormPatch changes a form at the version last read; absent members
// stay, and its address with every page that embeds it.
type WebFormPatch struct {
	Version     *int      `json:"version"`
	Name        *string   `json:"name"`
	Fields      *[]string `json:"fields"`
	ThankYou    *string   `json:"thank_you"`
	RedirectURL *string   `json:"redirect_url"`
	StageID     *string   `json:"stage_id"` // "" or null: no deal
	Tags        *[]string `json:"tags"`
	LeadSource  *string   `json:"lead_source"`
	OwnerIDs    *[]string `json:"owner_ids"`
	Origins     *[]string `json:"origins"`
	FillEmpty   *bool     `json:"fill_empty"`
	// ConsentText "" takes the consent box away.
	ConsentText     *string `json:"consent_text"`
	ConsentRequired *bool   `json:"consent_required"`
}

func webFormJSON(r *http.Request, f app.WebForm) WebFormJSON {
	return WebFormJSON{ID: f.ID, Name: f.Name, Fields: orEmpty(f.FieldList), ThankYou: f.ThankYou, RedirectURL: f.RedirectURL, StageID: nullable(f.StageID),
		Tags: orEmpty(f.TagList), LeadSource: f.LeadSource, OwnerIDs: orEmpty(f.OwnerList), Origins: orEmpty(f.OriginList), FillEmpty: f.FillEmpty,
		ConsentText: f.ConsentText, ConsentRequired: f.ConsentRequired, Submissions: f.Submissions, URL: request.SiteURL(r) + "/f/" + f.ID,
		CreatedAt: f.CreatedAt.UTC(), Version: f.Version}
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func handleAPIWebForms(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		forms, err := s.app.WebForms(r.Context(), request.CurrentUser(r))
		out := listJSON[WebFormJSON]{Data: []WebFormJSON{}}
		for _, f := range forms {
			out.Data = append(out.Data, webFormJSON(r, f))
		}
		answer(w, r, s, http.StatusOK, out, err)
	})
}

// webFormOf loads the form the path names, for those who may see forms.
func (s *apiSite) webFormOf(r *http.Request) (app.WebForm, error) {
	if _, err := s.app.WebForms(r.Context(), request.CurrentUser(r)); err != nil { // the permission check, as on the page
		return app.WebForm{}, err
	}
	return s.app.WebForm(r.Context(), mux.Vars(r)["id"])
}

func handleAPIWebForm(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := s.webFormOf(r)
		answer(w, r, s, http.StatusOK, webFormJSON(r, f), err)
	})
}

func handleAPIWebFormCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in WebFormInput
		if _, ok := readSettingsBody(w, r, s, app.AreaForms, app.LevelManage, &in); !ok {
			return
		}
		f, err := s.app.CreateWebForm(r.Context(), request.CurrentUser(r), app.WebFormInput{Name: in.Name, Fields: in.Fields, ThankYou: in.ThankYou,
			RedirectURL: in.RedirectURL, StageID: in.StageID, Tags: strings.Join(in.Tags, ", "), LeadSource: in.LeadSource, OwnerIDs: in.OwnerIDs,
			Origins: strings.Join(in.Origins, "\n"), FillEmpty: in.FillEmpty, ConsentText: in.ConsentText, ConsentRequired: in.ConsentRequired})
		if err == nil {
			w.Header().Set("Location", s.path("api.web_form", "id", f.ID))
		}
		answer(w, r, s, http.StatusCreated, webFormJSON(r, f), err)
	})
}

func handleAPIWebFormUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in WebFormPatch
		m, ok := readSettingsBody(w, r, s, app.AreaForms, app.LevelManage, &in)
		if !ok {
			return
		}
		if m.has("stage_id") && in.StageID == nil {
			in.StageID = new(string) // null: no deal
		}
		version, ok := versionOf(w, r, s, in.Version)
		if !ok {
			return
		}
		f, err := s.app.PatchWebForm(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], version, func(next *app.WebFormInput) {
			applyPatch(&next.Name, in.Name)
			applyPatch(&next.Fields, in.Fields)
			applyPatch(&next.ThankYou, in.ThankYou)
			applyPatch(&next.RedirectURL, in.RedirectURL)
			applyPatch(&next.StageID, in.StageID)
			applyPatch(&next.LeadSource, in.LeadSource)
			applyPatch(&next.OwnerIDs, in.OwnerIDs)
			applyPatch(&next.FillEmpty, in.FillEmpty)
			applyPatch(&next.ConsentText, in.ConsentText)
			applyPatch(&next.ConsentRequired, in.ConsentRequired)
			if in.Tags != nil {
				next.Tags = strings.Join(*in.Tags, ", ")
			}
			if in.Origins != nil {
				next.Origins = strings.Join(*in.Origins, "\n")
			}
		})
		answer(w, r, s, http.StatusOK, webFormJSON(r, f), err)
	})
}

func handleAPIWebFormDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaForms, app.LevelManage) {
			return
		}
		noContent(w, r, s, s.app.DeleteWebForm(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]))
	})
}
