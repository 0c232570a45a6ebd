package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Deleted custom fields, as the fields page lists them to bring back with
// every value they held. Admins only, as on the page.

// DeletedFieldJSON is a custom field deleted lately; POST
// /fields/deleted/{audit_id}/restore brings it back.
type DeletedFieldJSON struct {
	AuditID   string    `json:"audit_id"`
	Entity    string    `json:"entity"`
	Key       string    `json:"key"`
	Label     string    `json:"label"`
	DeletedAt time.Time `json:"deleted_at"`
}

func handleAPIDeletedFields(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		list, err := s.app.DeletedFields(r.Context(), request.CurrentUser(r), 50)
		out := listJSON[DeletedFieldJSON]{Data: []DeletedFieldJSON{}}
		for _, d := range list {
			out.Data = append(out.Data, DeletedFieldJSON{AuditID: d.AuditID, Entity: d.Entity, Key: d.Key, Label: d.Label, DeletedAt: d.At.UTC()})
		}
		answer(w, r, s, http.StatusOK, out, err)
	})
}

// handleAPIFieldRestore recreates a deleted field with its options and
// values from the audit entry of its deletion.
func handleAPIFieldRestore(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		f, err := s.app.RestoreCustomField(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.Header().Set("Location", s.path("api.field", "id", f.ID))
		request.Encode(w, http.StatusOK, NewFieldJSON(f))
	})
}
