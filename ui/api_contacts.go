package ui

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// The contacts API: list, create, show, merge-patch and trash. The app
// checks roles and rules; these only translate between JSON and app calls.

func handleAPIContactList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, page, err := ListContacts(r.Context(), s.app, currentUser(r), r.URL.Query())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, page)
	})
}

func handleAPIContactCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body contactBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		user := currentUser(r)
		var in app.ContactInput
		if !m.has("owner_id") {
			in.OwnerID = user.ID // who adds a contact owns it, unless they say otherwise
		}
		body.apply(&in, m)
		c, err := s.app.CreateContact(r.Context(), user, in)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if u, err := s.views.router.Get("api.contact").URL("id", c.ID); err == nil {
			w.Header().Set("Location", u.String())
		}
		encode(w, http.StatusCreated, NewContactJSON(c))
	})
}

func handleAPIContactShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := liveContact(r, s)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, NewContactJSON(c))
	})
}

// handleAPIContactUpdate applies a JSON merge patch: only the fields the
// body names change. The body's version must be the one last read, so
// two clients cannot silently overwrite each other.
func handleAPIContactUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body contactBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if body.Version == nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"version": "error.version_required"}))
			return
		}
		c, err := s.app.PatchContact(r.Context(), currentUser(r), mux.Vars(r)["id"], *body.Version, func(in *app.ContactInput) {
			body.apply(in, m)
		})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, NewContactJSON(c))
	})
}

func handleAPIContactDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.TrashContact(r.Context(), currentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// liveContact loads the contact the path names; the API does not show
// trashed records.
func liveContact(r *http.Request, s *site) (app.Contact, error) {
	c, err := s.app.Contact(r.Context(), currentUser(r), mux.Vars(r)["id"])
	if err == nil && c.Trashed() {
		err = &app.Error{Code: app.ENotFound, Message: "error.contact_not_found"}
	}
	return c, err
}
