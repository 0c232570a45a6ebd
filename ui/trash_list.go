package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"rolo/app"
	"rolo/store"
)

// trashPage lists trashed contacts, companies and deals, newest deletion first,
// each section paged on its own.
type trashPage struct {
	Base
	Contacts      app.ContactList
	Companies     app.CompanyList
	Deals         app.DealList
	ContactsMore  string // the link to the next page of contacts, or ""
	CompaniesMore string
	DealsMore     string
	FirstPage     string // the link back to the first pages, when paged
	CanRestore    bool
	// Emptied is how many records the last "Empty trash" deleted, or -1.
	Emptied int
}

const trashPageSize = 50

// handleTrash shows the trash.
func handleTrash(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "trash.title")
		page, err := s.loadTrash(r, b)
		if key := fieldErrors(err)["cursor"]; key != "" {
			err = &app.Error{Code: app.EInvalid, Message: key} // an old "more" link: say so, not "fields need attention"
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "trash", b.Lang, page)
	})
}

func (s *site) loadTrash(r *http.Request, b Base) (trashPage, error) {
	q := r.URL.Query()
	contactsCursor, companiesCursor, dealsCursor := q.Get("contacts_cursor"), q.Get("companies_cursor"), q.Get("deals_cursor")
	contacts, err := s.app.ListContacts(r.Context(), b.User, store.ListQuery{Trashed: true, Cursor: contactsCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	companies, err := s.app.ListCompanies(r.Context(), b.User, store.ListQuery{Trashed: true, Cursor: companiesCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	deals, err := s.app.ListDeals(r.Context(), b.User, store.DealQuery{Trashed: true, Cursor: dealsCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	page := trashPage{Base: b, Contacts: contacts, Companies: companies, Deals: deals, CanRestore: app.CanWriteRecords(b.User), Emptied: -1}
	if contacts.NextCursor != "" {
		page.ContactsMore = trashLink(contacts.NextCursor, companiesCursor, dealsCursor)
	}
	if companies.NextCursor != "" {
		page.CompaniesMore = trashLink(contactsCursor, companies.NextCursor, dealsCursor)
	}
	if deals.NextCursor != "" {
		page.DealsMore = trashLink(contactsCursor, companiesCursor, deals.NextCursor)
	}
	if contactsCursor != "" || companiesCursor != "" || dealsCursor != "" {
		page.FirstPage = "/trash"
	}
	if n, err := strconv.Atoi(q.Get("emptied")); err == nil && n >= 0 {
		page.Emptied = n
	}
	return page, nil
}

// trashLink keeps one section's place while the other pages on.
func trashLink(contactsCursor, companiesCursor, dealsCursor string) string {
	v := url.Values{}
	if contactsCursor != "" {
		v.Set("contacts_cursor", contactsCursor)
	}
	if companiesCursor != "" {
		v.Set("companies_cursor", companiesCursor)
	}
	if dealsCursor != "" {
		v.Set("deals_cursor", dealsCursor)
	}
	return "/trash?" + v.Encode()
}
