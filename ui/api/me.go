package api

import (
	"net/http"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// meResponse is the logged-in user as the API shows it.
type meResponse struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Language  string    `json:"language"`
	CreatedAt time.Time `json:"created_at"`
	// TimeZone is the zone times are entered and shown in (IANA name).
	TimeZone string `json:"time_zone"`
	// CalendarFeedURL is the private iCalendar address of the user's tasks.
	CalendarFeedURL string `json:"calendar_feed_url"`
	// PhoneRegion is the region numbers the caller sends without a country
	// code are read in: their own (Profile → Phone numbers), else the team's.
	PhoneRegion string `json:"phone_region"`
}

// handleAPIMe answers GET /api/v1/me: who the caller is logged in as.
func handleAPIMe(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := request.CurrentUser(r)
		feed, err := s.calendarFeedURL(r, u)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, meResponse{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), Language: u.Language, CreatedAt: u.CreatedAt,
			TimeZone: app.ZoneName(u), CalendarFeedURL: feed, PhoneRegion: s.app.PhoneRegionOf(r.Context(), u)})
	})
}
