package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"rolo/app"
)

// trashPage lists trashed contacts, companies and deals, newest deletion first,
// each section paged on its own.
type trashPage struct {
	Base
	Sections   []trashSection
	FirstPage  string // the link back to the first pages, when paged
	CanRestore bool
	// Emptied is how many records the last "Empty trash" deleted, or -1.
	Emptied int
}

// trashSection is one kind of record in the trash. Kind names the
// section's id and catalog keys (trash.<kind>_heading, _empty, more_<kind>).
type trashSection struct {
	Kind   string
	Total  int
	Rows   []trashRow
	More   string // the link to the section's next page, or ""
	TagURL string // the list a row's tag links to
}

// trashRow is one trashed record: its name, a detail (company or domain),
// its tags and who deleted it when.
type trashRow struct {
	Entity, ID, Name, Detail string
	URL, RestoreURL          string
	Tags                     []app.Tag
	DeletedAt                time.Time
	DeletedByName            string
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
	contacts, err := s.app.ListContacts(r.Context(), b.User, app.ListQuery{Trashed: true, Cursor: contactsCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	companies, err := s.app.ListCompanies(r.Context(), b.User, app.ListQuery{Trashed: true, Cursor: companiesCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	deals, err := s.app.ListDeals(r.Context(), b.User, app.DealQuery{Trashed: true, Cursor: dealsCursor, Limit: trashPageSize})
	if err != nil {
		return trashPage{}, err
	}
	page := trashPage{Base: b, CanRestore: app.CanWriteRecords(b.User), Emptied: -1}
	row := func(entity, id, name, detail string, tags []app.Tag, deletedAt time.Time, deletedBy string) trashRow {
		return trashRow{Entity: entity, ID: id, Name: name, Detail: detail, Tags: tags, DeletedAt: deletedAt, DeletedByName: deletedBy,
			URL: s.recordPath(entity+".show", "id", id), RestoreURL: s.recordPath(entity+".restore", "id", id)}
	}
	people := trashSection{Kind: "contacts", Total: contacts.Total, TagURL: s.recordPath("contacts")}
	for _, c := range contacts.Rows {
		people.Rows = append(people.Rows, row("contact", c.ID, c.DisplayName, c.CompanyName, c.Tags, c.DeletedAt, c.DeletedByName))
	}
	firms := trashSection{Kind: "companies", Total: companies.Total, TagURL: s.recordPath("companies")}
	for _, c := range companies.Rows {
		firms.Rows = append(firms.Rows, row("company", c.ID, c.Name, c.Domain, c.Tags, c.DeletedAt, c.DeletedByName))
	}
	dealSection := trashSection{Kind: "deals", Total: deals.Total}
	for _, d := range deals.Rows {
		dealSection.Rows = append(dealSection.Rows, row("deal", d.ID, d.Title, d.CompanyName, nil, d.DeletedAt, d.DeletedByName))
	}
	if contacts.NextCursor != "" {
		people.More = trashLink(contacts.NextCursor, companiesCursor, dealsCursor)
	}
	if companies.NextCursor != "" {
		firms.More = trashLink(contactsCursor, companies.NextCursor, dealsCursor)
	}
	if deals.NextCursor != "" {
		dealSection.More = trashLink(contactsCursor, companiesCursor, deals.NextCursor)
	}
	page.Sections = []trashSection{people, firms, dealSection}
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
