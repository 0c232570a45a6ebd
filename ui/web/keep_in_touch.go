package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleKeepInTouch sets or clears a contact's keep-in-touch cadence from
// its page.
func handleKeepInTouch(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		days := 0
		if v := strings.TrimSpace(r.PostForm.Get("keep_in_touch_days")); v != "" && r.PostForm.Get("clear") == "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				n = -1 // out of range: the app names the problem
			}
			days = n
		}
		if err := s.app.SetKeepInTouch(r.Context(), b.User, id, days); err != nil {
			if fields := fieldErrors(err); fields != nil {
				err = &app.Error{Code: app.EInvalid, Message: fields["keep_in_touch_days"]}
			}
			s.views.renderError(w, r, b, err)
			return
		}
		flash := "keep_in_touch.saved"
		if days == 0 {
			flash = "keep_in_touch.cleared"
		}
		setFlash(w, flash)
		redirect(w, r, s.recordPath("contact.show", "id", id)+"#keep-in-touch")
	})
}
