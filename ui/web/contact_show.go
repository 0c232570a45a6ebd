package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
)

// contactPage is one contact: details beside its timeline.
type contactPage struct {
	Base
	Contact app.Contact
	Company *app.Company // nil when the contact has none, or the reader may not open it
	// CompanyText names a company the reader may not open.
	CompanyText string
	Birthday    string // as typed: 1990-05-17, or 05-17 without a year
	Social      []socialLink
	Stamp       app.Stamp // who created and changed it, for the stamps line
	Team        recordTeam
	History     []historyItem
	CanWrite    bool
	// Activities and tasks: the timeline, open tasks, keep in touch.
	Timeline    recordTimeline
	Tasks       []taskRow
	KeepInTouch *keepInTouchView
	Deals       []recordDealView // open deals first, as primary or further contact
	NewDealURL  string
	Custom      []app.FieldGroup
	Privacy     *privacyView // consent, export and erase
	Score       *contactScoreView
	PhotoURL    string // "" when the contact has no photo
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
		page := contactPage{Base: b, Contact: c, Birthday: strings.TrimPrefix(c.Birthday, "--"), Stamp: c.Stamp, Team: team,
			CanWrite: app.CanWriteRecords(b.User)}
		if err := s.contactActivities(r, &page); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := s.contactPrivacy(r, &page); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if page.Deals, err = s.recordDeals(r, b.Lang, "contact", c.ID); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.NewDealURL = s.recordPath("deal.new") + "?contact=" + url.QueryEscape(c.ID)
		page.Score = s.contactScore(r, c.ID)
		if version, err := s.app.ContactPhotoVersion(r.Context(), b.User, c.ID); err == nil {
			page.PhotoURL = s.photoURL(c.ID, version)
		}
		if fields, err := s.app.FieldsFor(r.Context(), b.User, "contact"); err == nil {
			page.Custom = app.GroupedValues(fields, c.CustomFields)
		}
		if c.CompanyID != "" {
			if co, err := s.app.CompanyBasics(r.Context(), b.User, c.CompanyID); err == nil {
				page.Company = &co
				if !co.Trashed() {
					page.Timeline.Also = &linkView{Entity: "company", ID: co.ID, Name: co.Name}
				}
			} else if name, err := s.app.LinkedCompanyName(r.Context(), b.User, app.RecordRef{Entity: "contact", ID: c.ID}); err == nil {
				page.CompanyText = name // not the reader's to open: named, not linked
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

// contactActivities fills the page's timeline, tasks and keep-in-touch.
func (s *site) contactActivities(r *http.Request, page *contactPage) error {
	ref := app.RecordRef{Entity: "contact", ID: page.Contact.ID}
	path := s.recordPath("contact.show", "id", page.Contact.ID)
	var err error
	if page.Timeline, err = s.recordTimeline(r, page.Lang, page.Team, ref, path); err != nil {
		return err
	}
	if page.Tasks, err = s.recordTasks(r, page.Lang, page.Team, ref, path); err != nil {
		return err
	}
	page.KeepInTouch, err = s.keepInTouchView(r, page.Lang, page.Team, page.Contact.ID)
	return err
}
