package web

import (
	"bytes"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// handleCalendarFeed serves a user's tasks as iCalendar to calendar apps,
// which cannot log in: the secret token in the path is the key. A wrong
// or regenerated token is a plain 404.
func handleCalendarFeed(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.app.CalendarFeedUser(r.Context(), mux.Vars(r)["token"])
		if err != nil {
			status := request.StatusOf(app.ErrorCode(err))
			key := "error.internal"
			if status == http.StatusNotFound {
				key = "error.page_not_found"
			}
			http.Error(w, request.Translate(r, key), status)
			return
		}
		s.writeCalendar(w, r, u, "")
	})
}

// handleCalendarDownload offers the signed-in user's tasks as a .ics file,
// for calendar services that cannot reach this machine (Google Calendar).
func handleCalendarDownload(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeCalendar(w, r, request.CurrentUser(r), "rolo-tasks.ics")
	})
}

func (s *site) writeCalendar(w http.ResponseWriter, r *http.Request, u *app.User, download string) {
	base := request.SiteURL(r)
	var buf bytes.Buffer
	err := s.app.WriteCalendar(r.Context(), u, func(id string) string { return base + s.taskPath(id) }, &buf)
	if err != nil {
		http.Error(w, request.Translate(r, "error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	if download != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+download+`"`)
	}
	_, _ = buf.WriteTo(w)
}

// calendarFeedURL is the user's private feed address.
func (s *site) calendarFeedURL(r *http.Request, u *app.User) (string, error) {
	token, err := s.app.CalendarFeedToken(r.Context(), u)
	if err != nil {
		return "", err
	}
	return request.SiteURL(r) + s.recordPath("calendar.feed", "token", token), nil
}

// handleCalendarRegenerate gives the user a new feed URL; the old one
// stops working.
func handleCalendarRegenerate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "profile.title")
		if _, err := s.app.RegenerateCalendarFeed(r.Context(), b.User); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "calendar.regenerated")
		redirect(w, r, s.recordPath("profile")+"#calendar")
	})
}
