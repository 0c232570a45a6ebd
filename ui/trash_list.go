package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"rolo/app"
	"rolo/store"
)

// trashPage lists trashed contacts and companies, newest deletion first,
// each section paged on its own.
type trashPage struct {
	Base
	Contacts      app.ContactList
	Companies     app.CompanyList
	ContactsMore  string // the link to the next page of contacts, or ""
	CompaniesMore string
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
	contactsCursor, companiesCursor := q.Get("contacts_cursor"), q.Get("companies_cursor")
	contacts, err := s.app.ListContacts(r.Context(), b.User, store.ListQuery{Trashed: true, Cursor: contactsCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	companies, err := s.app.ListCompanies(r.Context(), b.User, store.ListQuery{Trashed: true, Cursor: companiesCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	page := trashPage{Base: b, Contacts: contacts, Companies: companies, CanRestore: app.CanWriteRecords(b.User), Emptied: -1}
	if contacts.NextCursor != "" {
		page.ContactsMore = trashLink(contacts.NextCursor, companiesCursor)
	}
	if companies.NextCursor != "" {
		page.CompaniesMore = trashLink(contactsCursor, companies.NextCursor)
	}
	if contactsCursor != "" || companiesCursor != "" {
		page.FirstPage = "/trash"
	}
	if n, err := strconv.Atoi(q.Get("emptied")); err == nil && n >= 0 {
		page.Emptied = n
	}
	return page, nil
}

// trashLink keeps one section's place while the other pages on.
func trashLink(contactsCursor, companiesCursor string) string {
	v := url.Values{}
	if contactsCursor != "" {
		v.Set("contacts_cursor", contactsCursor)
	}
	if companiesCursor != "" {
		v.Set("companies_cursor", companiesCursor)
	}
	return "/trash?" + v.Encode()
}
