package ui

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// The companies API: list, create, show, merge-patch and trash. The app
// checks roles and rules; these only translate between JSON and app calls.

func handleAPICompanyList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, page, err := ListCompanies(r.Context(), s.app, currentUser(r), r.URL.Query())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, page)
	})
}

func handleAPICompanyCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body companyBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		user := currentUser(r)
		var in app.CompanyInput
		if !m.has("owner_id") {
			in.OwnerID = user.ID // who adds a company owns it, unless they say otherwise
		}
		body.apply(&in, m)
		c, err := s.app.CreateCompany(r.Context(), user, in)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if u, err := s.views.router.Get("api.company").URL("id", c.ID); err == nil {
			w.Header().Set("Location", u.String())
		}
		encode(w, http.StatusCreated, NewCompanyJSON(c))
	})
}

func handleAPICompanyShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := liveCompany(r, s)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, NewCompanyJSON(c))
	})
}

// handleAPICompanyUpdate applies a JSON merge patch: only the fields the
// body names change. The body's version must be the one last read, so
// two clients cannot silently overwrite each other.
func handleAPICompanyUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body companyBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if body.Version == nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"version": "error.version_required"}))
			return
		}
		c, err := s.app.PatchCompany(r.Context(), currentUser(r), mux.Vars(r)["id"], *body.Version, func(in *app.CompanyInput) {
			body.apply(in, m)
		})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, NewCompanyJSON(c))
	})
}

func handleAPICompanyDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.TrashCompany(r.Context(), currentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// liveCompany loads the company the path names; the API does not show
// trashed records.
func liveCompany(r *http.Request, s *site) (app.Company, error) {
	c, err := s.app.Company(r.Context(), currentUser(r), mux.Vars(r)["id"])
	if err == nil && c.Trashed() {
		err = &app.Error{Code: app.ENotFound, Message: "error.company_not_found"}
	}
	return c, err
}
