package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleActivityUpdate saves an activity's form and goes back to the page
// it came from.
func handleActivityUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activities.edit_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		form := readActivityForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			s.renderActivityForm(w, r, http.StatusOK, activityFormPage{Base: b, ID: id, Form: form})
			return
		}
		in, problems := form.input(app.Location(b.User))
		var act app.Activity
		var err error
		if problems == nil {
			act, err = s.app.UpdateActivity(r.Context(), b.User, id, form.Version, in)
			problems = fieldErrors(err)
		}
		page := activityFormPage{Base: b, ID: id, Form: form, Errors: problems}
		switch {
		case problems != nil:
			s.renderActivityForm(w, r, http.StatusUnprocessableEntity, page)
		case app.ErrorCode(err) == app.EConflict:
			page.Problem = app.AsError(err).Message
			s.renderActivityForm(w, r, http.StatusConflict, page)
		case err != nil:
			s.views.renderError(w, r, b, err)
		default:
			back := returnPath(form.Return, "")
			if back == "" && len(act.Links) > 0 {
				back = s.recordURL(act.Links[0])
			}
			setFlash(w, "activities.saved")
			redirect(w, r, returnPath(back, "/"))
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
