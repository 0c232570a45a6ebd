package ui

import (
	"net/http"

	"rolo/app"
)

// profilePage edits the logged-in user's name, language and password.
type profilePage struct {
	Base
	Name           string
	Language       string
	Languages      []string
	Errors         map[string]string
	PasswordErrors map[string]string
}

func newProfilePage(b Base) profilePage {
	return profilePage{Base: b, Name: b.User.Name, Language: b.User.Language, Languages: app.Languages}
}

// handleProfileShow shows the profile page.
func handleProfileShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "profile.title")
		s.views.render(w, r, http.StatusOK, "profile", b.Lang, newProfilePage(b))
	})
}
