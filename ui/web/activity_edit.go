package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleActivityEdit shows an activity's form.
func handleActivityEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activities.edit_title")
		if !app.CanDo(b.User, app.AreaActivities, app.LevelEdit) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		act, err := s.app.Activity(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		f := activityForm{Version: act.Version, TypeID: act.TypeID, Outcome: act.Outcome, Notes: act.Body,
			OccurredAt: act.OccurredAt.In(app.Location(b.User)).Format(datetimeLocal), Return: returnPath(r.URL.Query().Get("return"), "")}
		if act.DurationMinutes > 0 {
			f.Duration = itoa(act.DurationMinutes)
		}
		for _, l := range act.Links {
			f.Links = append(f.Links, refValue(l))
		}
		s.renderActivityForm(w, r, http.StatusOK, activityFormPage{Base: b, ID: act.ID, Form: f})
	})
}
