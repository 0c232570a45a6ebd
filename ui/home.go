package ui

import "net/http"

// homePage is the start page after login.
type homePage struct {
	Base
	DBPath string
}

// handleHome shows the start page.
func handleHome(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "home.title")
		s.views.render(w, r, http.StatusOK, "home", b.Lang, homePage{Base: b, DBPath: s.cfg.DBPath})
	})
}
