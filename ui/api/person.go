package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// handleAPIContactExport answers GET /api/v1/contacts/{id}/export.
func handleAPIContactExport(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := s.app.ExportPerson(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, NewPersonExportJSON(data))
	})
}

// handleAPIContactErase answers POST /api/v1/contacts/{id}/erase with the
// body {"confirm": "<the contact's name>"}; 204 when erased.
func handleAPIContactErase(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, id := request.CurrentUser(r), mux.Vars(r)["id"]
		if !app.CanDo(user, app.AreaContacts, app.LevelManage) { // before the body: "forbidden", not "bad request"
			writeAPIError(w, r, s, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		if _, err := s.app.Contact(r.Context(), user, id); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		var body struct {
			Confirm string `json:"confirm"`
		}
		if _, err := decodeBody(w, r, &body); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if err := s.app.ErasePerson(r.Context(), user, id, body.Confirm); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
