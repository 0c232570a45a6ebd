package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// contactsPage is one page of the contact list with its filters.
type contactsPage struct {
	Base
	List        app.ContactList
	Filter      recordFilter
	Problem     string // catalog key: why the list is empty or was refused
	Refused     bool   // the request was refused: no rows were read, so no count or "none"
	CompanyName string // the company filtered by, when it is an id
	Team        recordTeam
	Statuses    []string
	Sorts       []string
	NextURL     string
	FirstURL    string      // set when this is not the first page
	Back        []backField // this page's query, so the bulk form returns here
	CanWrite    bool
	Query       filterView // query box, filter builder, segments
	Columns     columnsView
	CountURL    string // set when the total is counted after the page
	ExactURL    string
	Scores      map[string]int // lead scores of the rows
	ShowScores  bool           // scoring is in use, or the list is sorted by score
}

// handleContactsList shows the contact list: filters and sort from the
// query string, keyset paging by cursor.
func handleContactsList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		f := readRecordFilter(r.URL.Query())
		page := contactsPage{Base: b, Filter: f, Statuses: app.LifecycleStatuses, Sorts: contactSorts,
			Back: backFields(f), CanWrite: app.CanWriteRecords(b.User)}
		var err error
		if page.Team, err = s.recordTeam(r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if f.Company != "" && f.Company != app.NoneValue {
			if c, err := s.app.Company(r.Context(), b.User, f.Company); err == nil {
				page.CompanyName = c.Name
			}
		}
		path := s.recordPath("contacts")
		if f.Cursor != "" {
			page.FirstURL = recordListURL(path, f, "")
		}
		q := f.query()
		// The filter builder and the column picker offer the same fields: read once.
		fields, _ := s.app.FieldsFor(r.Context(), b.User, "contact")
		page.Query = s.filterViewWith(r, "contact", f, fields)
		if err := request.FilterQuery(r.Context(), s.app, b.User, "contact", f.values(), &q); err != nil {
			page.Problem, page.Query.At = listProblem(err), app.AsError(err).Detail
			if page.Problem == "" {
				page.Problem = app.AsError(err).Message
			}
			page.Refused = true
			s.views.render(w, r, http.StatusUnprocessableEntity, "contacts", b.Lang, page)
			return
		}
		known, err := s.resolveTag(r, f.Tag, &q)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if !known {
			page.Problem = "contacts.tag_unknown"
			s.views.render(w, r, http.StatusOK, "contacts", b.Lang, page)
			return
		}
		countLater(r, &q)
		page.List, err = s.app.ListContacts(r.Context(), b.User, q)
		if problem := listProblem(err); problem != "" {
			page.Problem = problem
			page.FirstURL = recordListURL(path, recordFilter{}, "")
			page.Refused = true
			s.views.render(w, r, http.StatusUnprocessableEntity, "contacts", b.Lang, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if page.List.NextCursor != "" {
			page.NextURL = recordListURL(path, f, page.List.NextCursor)
		}
		if page.List.Total == app.CountUnknown {
			page.CountURL, page.ExactURL = countLinks(s.recordPath("contacts.count"), path, f)
		}
		// A company the reader may not open is named, not linked. A reader
		// who sees every record may open every company a row names (the
		// list joined it), so only one who sees their own is asked about.
		if b.User != nil && b.User.OwnOnly {
			companies := make([]app.RecordRef, len(page.List.Rows))
			for i, row := range page.List.Rows {
				companies[i] = app.RecordRef{Entity: "company", ID: row.CompanyID}
			}
			open, err := s.openable(r, companies)
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			for i := range page.List.Rows {
				if !open[companies[i]] {
					page.List.Rows[i].CompanyID = ""
				}
			}
		}
		ids := make([]string, len(page.List.Rows))
		for i, row := range page.List.Rows {
			ids[i] = row.ID
		}
		page.Columns = s.columnsWith(r, "contact", ids, fields)
		page.Scores = s.listScores(r, ids, f.Sort)
		page.ShowScores = page.Scores != nil
		s.views.render(w, r, http.StatusOK, "contacts", b.Lang, page)
	})
}
