package ui

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/store"
)

// contactPage is one contact: details beside its timeline.
type contactPage struct {
	Base
	Contact  app.Contact
	Company  *app.Company // nil when the contact has none
	Birthday string       // as typed: 1990-05-17, or 05-17 without a year
	Social   []socialLink
	Stamp    store.Stamp // who created and changed it, for the stamps line
	Team     recordTeam
	History  []historyItem
	CanWrite bool
}

// socialLink is a social profile; URL is set when the value is a web
// address, so only those become links.
type socialLink struct {
	Label string
	Value string
	URL   string
}

// handleContactShow shows a contact's page, trashed or not.
func handleContactShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		c, err := s.app.Contact(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		team, err := s.recordTeam(r)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		history, err := s.recordHistory(r, b.Lang, team, "contact", c.ID)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := contactPage{Base: b, Contact: c, Birthday: strings.TrimPrefix(c.Birthday, "--"), Stamp: c.Stamp, Team: team,
			History: history, CanWrite: app.CanWriteRecords(b.User)}
		if c.CompanyID != "" {
			if co, err := s.app.Company(r.Context(), b.User, c.CompanyID); err == nil {
				page.Company = &co
			}
		}
		for _, l := range c.Social {
			link := socialLink{Label: l.Label, Value: l.Value}
			if strings.HasPrefix(l.Value, "https://") || strings.HasPrefix(l.Value, "http://") {
				link.URL = l.Value
			}
			page.Social = append(page.Social, link)
		}
		s.views.render(w, r, http.StatusOK, "contact", b.Lang, page)
	})
}
