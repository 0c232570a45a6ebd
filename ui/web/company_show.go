package web

import (
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"rolo/app"
)

// companyContactsShown is how many of a company's contacts its page lists;
// the rest are a link away, on the filtered contact list.
const companyContactsShown = 50

// companyPage is one company: details, its people and its history.
type companyPage struct {
	Base
	Company     app.Company
	Contacts    app.ContactList
	ContactsURL string    // the contact list filtered to this company
	Stamp       app.Stamp // who created and changed it, for the stamps line
	Team        recordTeam
	History     []historyItem
	CanWrite    bool
	Timeline    recordTimeline // activities and changes, newest first
	Tasks       []taskRow      // open tasks linked to the company
	Deals       []recordDealView
	NewDealURL  string
	Custom      []app.FieldGroup
}

// handleCompanyShow shows a company's page, trashed or not.
func handleCompanyShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "companies.title")
		c, err := s.app.Company(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		team, err := s.recordTeam(r)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		var custom []app.FieldGroup
		if fields, err := s.app.FieldsFor(r.Context(), b.User, "company"); err == nil {
			custom = app.GroupedValues(fields, c.CustomFields)
		}
		contacts, err := s.app.ListContacts(r.Context(), b.User, app.ListQuery{Company: c.ID, Limit: companyContactsShown})
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		ref, path := app.RecordRef{Entity: "company", ID: c.ID}, s.recordPath("company.show", "id", c.ID)
		timeline, err := s.recordTimeline(r, b.Lang, team, ref, path)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		tasks, err := s.recordTasks(r, b.Lang, team, ref, path)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		deals, err := s.recordDeals(r, b.Lang, "company", c.ID)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "company", b.Lang, companyPage{
			Base: b, Company: c, Contacts: contacts, Stamp: c.Stamp, Team: team, Timeline: timeline, Tasks: tasks, CanWrite: app.CanWriteRecords(b.User),
			Deals: deals, Custom: custom, NewDealURL: s.recordPath("deal.new") + "?company=" + url.QueryEscape(c.ID),
			ContactsURL: recordListURL(s.recordPath("contacts"), recordFilter{Company: c.ID}, ""),
		})
	})
}
