package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"rolo/app"
)

// webFormsPage lists the web forms with a form builder for a new one; the
// edit page shows the same builder for one form (Editing).
type webFormsPage struct {
	Base
	Forms       []app.WebForm
	Fields      []string
	Team        []*app.User
	Stages      []ruleStage
	New         app.WebFormInput
	Editing     *app.WebForm
	FormVersion int    // of the form being edited, as it was opened
	Problem     string // why the edit was not saved (error.stale)
	Errors      map[string]string
	Checked     map[string]bool
	Owners      map[string]bool   // the owners chosen, to show them selected
	Custom      []app.CustomField // contact custom fields a form may ask for
}

func (s *site) renderWebForms(w http.ResponseWriter, r *http.Request, status int, page webFormsPage) {
	s.renderWebFormBuilder(w, r, status, "web_forms", page)
}

// renderWebFormBuilder renders a page with the builder: the forms page,
// or a form's edit page.
func (s *site) renderWebFormBuilder(w http.ResponseWriter, r *http.Request, status int, template string, page webFormsPage) {
	ctx, u := r.Context(), page.User
	var err error
	if page.Forms, err = s.app.WebForms(ctx, u); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if page.Team, err = s.app.Team(ctx, u); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	stages, err := s.stageChoices(r, page.Lang)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Stages, page.Fields = stages, app.FormFields
	if page.Custom, err = s.app.FormCustomFields(ctx); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Checked, page.Owners = map[string]bool{"email": true}, map[string]bool{}
	for _, f := range page.New.Fields {
		page.Checked[f] = true
	}
	for _, id := range page.New.OwnerIDs {
		page.Owners[id] = true
	}
	s.views.render(w, r, status, template, page.Lang, page)
}

// webFormInput reads the builder.
func webFormInput(f url.Values) app.WebFormInput {
	return app.WebFormInput{Name: f.Get("name"), Fields: f["fields"], ThankYou: f.Get("thank_you"), RedirectURL: f.Get("redirect_url"),
		StageID: f.Get("stage_id"), Tags: f.Get("tags"), LeadSource: f.Get("lead_source"), OwnerIDs: f["owner_ids"], Origins: f.Get("origins"),
		FillEmpty: f.Get("fill_empty") != "", ConsentText: f.Get("consent_text"), ConsentRequired: f.Get("consent_required") != ""}
}

// handleWebForms shows the forms page.
func handleWebForms(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderWebForms(w, r, http.StatusOK, webFormsPage{Base: s.base(w, r, "forms.title"),
			New: app.WebFormInput{Fields: []string{"first_name", "last_name", "email"}}})
	})
}

// handleWebFormCreate builds a new form from the builder.
func handleWebFormCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "forms.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		in := webFormInput(r.PostForm)
		form, err := s.app.CreateWebForm(r.Context(), b.User, in)
		if fields := fieldErrors(err); fields != nil {
			s.renderWebForms(w, r, http.StatusUnprocessableEntity, webFormsPage{Base: b, New: in, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "forms.created")
		redirect(w, r, "/settings/forms/"+form.ID)
	})
}

// webFormPage shows one form's embed snippets.
type webFormPage struct {
	Base
	Form    app.WebForm
	Snippet string
	IFrame  string
	Link    string
}

// handleWebForm shows a form with the HTML to paste into a site.
func handleWebForm(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "forms.title")
		if _, err := s.app.WebForms(r.Context(), b.User); err != nil { // the permission check
			s.views.renderError(w, r, b, err)
			return
		}
		f, err := s.app.WebForm(r.Context(), mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		link := scheme + "://" + r.Host + "/f/" + f.ID
		page := webFormPage{Base: b, Form: f, Link: link}
		page.Snippet = formSnippet(s.formInputs(f, b.Lang), link, s.catalog.T(b.Lang, "forms.submit"))
		page.IFrame = fmt.Sprintf("<iframe src=\"%s\" title=\"%s\" width=\"100%%\" height=\"520\" style=\"border:0\"></iframe>", html.EscapeString(link), html.EscapeString(f.Name))
		s.views.render(w, r, http.StatusOK, "web_form", b.Lang, page)
	})
}

// handleWebFormDelete removes a form.
func handleWebFormDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "forms.title")
		if err := s.app.DeleteWebForm(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "forms.deleted")
		redirect(w, r, "/settings/forms")
	})
}
