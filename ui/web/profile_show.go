package web

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
	TimeZone       string   // "" follows the server
	Zones          []string // suggestions for the zone field
	ServerZone     string
	FeedURL        string // the private calendar feed
	Remind         int    // the default lead time of new tasks
	Reminds        []remindChoice
	Phone          phoneRegionView // their own phone region (profile_phone_region.go)
}

func newProfilePage(b Base) profilePage {
	return profilePage{Base: b, Name: b.User.Name, Language: b.User.Language, Languages: app.Languages, TimeZone: b.User.TimeZone,
		Remind: b.User.RemindMinutes}
}

// renderProfile adds the zone choices and the calendar feed URL.
func (s *site) renderProfile(w http.ResponseWriter, r *http.Request, status int, page profilePage) {
	page.Zones, page.ServerZone = commonZones, app.ZoneName(nil)
	page.Reminds = s.remindChoices(page.Lang, page.Remind)
	if page.Phone.Choices == nil {
		page.Phone = s.phoneRegionForm(r, page.User, page.Lang)
	}
	var err error
	if page.FeedURL, err = s.calendarFeedURL(r, page.User); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	s.views.render(w, r, status, "profile", page.Lang, page)
}

// handleProfileShow shows the profile page.
func handleProfileShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "profile.title")
		s.renderProfile(w, r, http.StatusOK, newProfilePage(b))
	})
}
