package web

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
)

// dealListPage is a pipeline's deals as a sortable table, with the
// board's filters.
type dealListPage struct {
	Base
	Pipeline  pipelineTab
	Pipelines []pipelineTab
	Filter    dealFilter
	Team      recordTeam
	Statuses  []string
	Sorts     []string
	Stages    []stageChoice // for the stage filter
	Rows      []dealListRow
	Total     int
	Problem   string // catalog key: why the list was refused
	Refused   bool   // no rows were read, so no count or "none"
	NextURL   string
	FirstURL  string
	ListURL   string
	CanWrite  bool
	CanManage bool
	Query     filterView  // query box, filter builder, segments
	Columns   columnsView // the custom fields shown as columns
}

// dealListRow is one deal in the list.
type dealListRow struct {
	ID        string
	Title     string
	Company   string
	CompanyID string
	Contact   string
	ContactID string
	Owner     string
	Value     string
	Stage     string
	Status    string
	CloseDate string
	Updated   time.Time
	Tags      []app.Tag
}

const dealListPageSize = 50

// handleDealList shows a pipeline's deals as a list, sorted and paged.
func handleDealList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.list_title")
		id := mux.Vars(r)["id"]
		p, err := s.app.Pipeline(r.Context(), b.User, id)
		if err == nil && p.Trashed() {
			err = &app.Error{Code: app.ENotFound, Message: "error.pipeline_not_found"}
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		f := readDealFilter(r.URL.Query())
		if f.Sort == "" {
			f.Sort = "-updated"
		}
		path := s.recordPath("pipeline.list", "id", id)
		page := dealListPage{Base: b, Filter: f, Statuses: append([]string{"all"}, app.DealStatuses...), Sorts: app.DealSorts,
			CanWrite: app.CanDo(b.User, app.AreaDeals, app.LevelEdit), CanManage: app.CanManagePipelines(b.User)}
		page.Pipeline = pipelineTab{ID: id, Name: s.catalog.PipelineName(b.Lang, p), Archived: p.Archived()}
		noCursor := f
		noCursor.Cursor = ""
		page.ListURL = noCursor.url(path)
		if f.Cursor != "" {
			page.FirstURL = page.ListURL
		}
		if page.Team, err = s.recordTeam(r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if page.Pipelines, err = s.pipelineTabs(r, b.Lang, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		stageNames := map[string]string{}
		for _, st := range p.Stages {
			stageNames[st.ID] = s.catalog.StageName(b.Lang, st)
			page.Stages = append(page.Stages, stageChoice{ID: st.ID, Name: stageNames[st.ID], Kind: st.Kind})
		}
		page.Query = s.filterViewFor(r, "deal", recordFilter{Q: f.Q, Segment: f.Segment, Sort: f.Sort})
		q, err := s.dealQuery(r, f, id)
		if app.ErrorCode(err) == app.EInvalid {
			page.Problem, page.Query.At = listProblem(err), app.AsError(err).Detail
			if page.Problem == "" {
				page.Problem = app.AsError(err).Message
			}
			page.Refused = true
			s.views.render(w, r, http.StatusUnprocessableEntity, "deals", b.Lang, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		q.Limit = dealListPageSize
		list, err := s.app.ListDeals(r.Context(), b.User, q)
		if problem := listProblem(err); problem != "" {
			page.Problem, page.FirstURL = problem, path
			page.Refused = true
			s.views.render(w, r, http.StatusUnprocessableEntity, "deals", b.Lang, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.Total = list.Total
		ids := make([]string, len(list.Rows))
		for i, row := range list.Rows {
			ids[i] = row.ID
		}
		page.Columns = s.columnsFor(r, "deal", ids)
		page.Columns.Pipeline = id
		for _, row := range list.Rows {
			page.Rows = append(page.Rows, dealListRow{ID: row.ID, Title: row.Title, Company: row.CompanyName, CompanyID: row.CompanyID,
				Contact: row.ContactName, ContactID: row.ContactID, Owner: row.OwnerName, Stage: stageNames[row.StageID],
				Value: formatMoney(b.Lang, app.Money{Value: row.Value, Currency: row.Currency}), Status: row.Status,
				CloseDate: row.ExpectedCloseDate, Updated: row.UpdatedAt, Tags: row.Tags})
		}
		if list.NextCursor != "" {
			next := f
			next.Cursor = list.NextCursor
			page.NextURL = next.url(path)
		}
		if err := s.unlinkHiddenDealRecords(r, page.Rows); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "deals", b.Lang, page)
	})
}
