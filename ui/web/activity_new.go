package web

import (
	"net/http"

	"rolo/app"
)

// handleActivityNew shows the log-activity form for the records in the
// query (?contact=ID, company, deal), now, perhaps answering ?task=ID.
func handleActivityNew(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activities.new_title")
		if !app.CanDo(b.User, app.AreaActivities, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		q := r.URL.Query()
		f := activityForm{TypeID: q.Get("type"), TaskID: q.Get("task"), Return: returnPath(q.Get("return"), ""),
			OccurredAt: s.app.Now().In(app.Location(b.User)).Format(datetimeLocal)}
		if f.TypeID == "" {
			f.TypeID = "call"
		}
		for _, ref := range queryRefs(r) {
			f.Links = append(f.Links, refValue(ref))
		}
		s.renderActivityForm(w, r, http.StatusOK, activityFormPage{Base: b, Form: f})
	})
}
