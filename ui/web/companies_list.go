package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// companiesPage is one page of the company list with its filters.
type companiesPage struct {
	Base
	List     app.CompanyList
	Filter   recordFilter
	Problem  string // catalog key: why the list is empty or was refused
	Refused  bool   // the request was refused: no rows were read, so no count or "none"
	Team     recordTeam
	Sorts    []string
	NextURL  string
	FirstURL string
	CanWrite bool
	Query    filterView // query box, filter builder, segments
	Columns  columnsView
}

// handleCompaniesList shows the company list: tag and owner filters, a
// sort, keyset paging by cursor.
func handleCompaniesList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "companies.title")
		f := readRecordFilter(r.URL.Query())
		f.Status, f.Company = "", "" // contact filters; companies have neither
		page := companiesPage{Base: b, Filter: f, Sorts: recordSorts, CanWrite: app.CanWriteRecords(b.User)}
		var err error
		if page.Team, err = s.recordTeam(r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		path := s.recordPath("companies")
		if f.Cursor != "" {
			page.FirstURL = recordListURL(path, f, "")
		}
		q := f.query()
		page.Query = s.filterViewFor(r, "company", f)
		if err := request.FilterQuery(r.Context(), s.app, b.User, "company", f.values(), &q); err != nil {
			page.Problem, page.Query.At = listProblem(err), app.AsError(err).Detail
			if page.Problem == "" {
				page.Problem = app.AsError(err).Message
			}
			page.Refused = true
			s.views.render(w, r, http.StatusUnprocessableEntity, "companies", b.Lang, page)
			return
		}
		known, err := s.resolveTag(r, f.Tag, &q)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if !known {
			page.Problem = "companies.tag_unknown"
			s.views.render(w, r, http.StatusOK, "companies", b.Lang, page)
			return
		}
		page.List, err = s.app.ListCompanies(r.Context(), b.User, q)
		if problem := listProblem(err); problem != "" {
			page.Problem = problem
			page.FirstURL = recordListURL(path, recordFilter{}, "")
			page.Refused = true
			s.views.render(w, r, http.StatusUnprocessableEntity, "companies", b.Lang, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if page.List.NextCursor != "" {
			page.NextURL = recordListURL(path, f, page.List.NextCursor)
		}
		ids := make([]string, len(page.List.Rows))
		for i, row := range page.List.Rows {
			ids[i] = row.ID
		}
		page.Columns = s.columnsFor(r, "company", ids)
		s.views.render(w, r, http.StatusOK, "companies", b.Lang, page)
	})
}
