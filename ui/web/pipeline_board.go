package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// boardPage is one pipeline as a kanban board.
type boardPage struct {
	Base
	Pipeline  pipelineTab
	Pipelines []pipelineTab // the switcher: pipelines in use, and this one
	Columns   []boardColumnView
	// Zones are the Won, Lost and trash drop zones that slide up while a
	// card is dragged. A board of open deals shows closed stages only
	// there; a board of every status also as columns.
	Zones       []boardZone
	CanDelete   bool
	Count       int
	Totals      []string // per currency, never added together
	Weighted    []string
	Filter      dealFilter
	Team        recordTeam
	Statuses    []string
	LostReasons []string
	Here        string // this board with its filters: where forms come back to
	ListURL     string
	CanWrite    bool
	CanManage   bool
}

// pipelineTab is a pipeline in the switcher.
type pipelineTab struct {
	ID       string
	Name     string
	Archived bool
}

// boardColumnView is a stage's column, ready to show.
type boardColumnView struct {
	ID          string
	Name        string
	Kind        string
	Probability int
	RotDays     int
	Count       int
	Totals      []string
	Weighted    []string
	Cards       []boardCardView
	// MoveOptions are the <option>s of the cards' stage selector, this
	// stage selected: built once per column rather than once per card,
	// from escaped names (see moveOptions).
	MoveOptions template.HTML
	More        int
	MoreURL     string // the list view of this stage, for the cards not shown
	// LoadURL loads the next cards after the shown ones as HTML (board.js,
	// when the column is scrolled to its end); empty past BoardMoreLimit.
	LoadURL  string
	CanWrite bool   // cards can be dragged and have a move form
	Here     string // the board with its filters, where a move comes back to
}

// boardZone is a drop zone for a closed stage, with how many deals it holds.
type boardZone struct {
	ID    string
	Name  string
	Kind  string
	Count int
}

// boardCardView is a deal's card.
type boardCardView struct {
	ID          string
	Title       string
	Company     string
	CompanyID   string
	Contact     string
	Owner       string
	Value       string
	Status      string
	CloseDate   string
	DaysInStage int
	Rotting     bool
}

// handleDeals opens the board of the default pipeline.
func handleDeals(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.title")
		p, err := s.app.DefaultPipeline(r.Context(), b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if v := r.URL.Query(); v.Get("segment") != "" || v.Get("q") != "" {
			// A segment or query opens as a list, which shows the query box.
			redirect(w, r, readDealFilter(v).url(s.recordPath("pipeline.list", "id", p.ID)))
			return
		}
		redirect(w, r, s.recordPath("pipeline.board", "id", p.ID))
	})
}

// handleBoard shows a pipeline's board under the filters of the query.
func handleBoard(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.title")
		id := mux.Vars(r)["id"]
		f := readDealFilter(r.URL.Query())
		f.Sort, f.Cursor, f.Stage = "", "", ""
		q, err := s.dealQuery(r, f, id)
		if app.ErrorCode(err) == app.EInvalid {
			redirect(w, r, s.recordPath("pipeline.board", "id", id)) // a hand-edited query: show the plain board
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		board, err := s.app.Board(r.Context(), b.User, id, q)
		if problem := listProblem(err); problem != "" {
			redirect(w, r, s.recordPath("pipeline.board", "id", id)) // a hand-edited filter: show the plain board
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		home := s.app.DefaultCurrency(r.Context())
		money := func(list []app.Money) []string { return formatMoneyList(b.Lang, defaultFirst(list, home)) }
		page := boardPage{Base: b, Filter: f, Statuses: append([]string{"all"}, app.DealStatuses...),
			CanWrite: app.CanDo(b.User, app.AreaDeals, app.LevelEdit), CanManage: app.CanManagePipelines(b.User), Count: board.Count,
			Totals: money(board.Totals), Weighted: money(board.Weighted),
			LostReasons: s.lostReasons(r, b.Lang)}
		page.Pipeline = pipelineTab{ID: id, Name: s.catalog.PipelineName(b.Lang, board.Pipeline), Archived: board.Pipeline.Archived()}
		boardPath := s.recordPath("pipeline.board", "id", id)
		page.Here = f.url(boardPath)
		page.ListURL = f.url(s.recordPath("pipeline.list", "id", id))
		if page.Team, err = s.recordTeam(r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if page.Pipelines, err = s.pipelineTabs(r, b.Lang, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.CanDelete = app.CanDo(b.User, app.AreaDeals, app.LevelDelete)
		outcomes := map[string]int{}
		if f.Status == app.DealOpen && page.CanWrite {
			if outcomes, err = s.app.BoardOutcomes(r.Context(), b.User, id, q); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
		}
		all := make([]boardColumnView, 0, len(board.Columns))
		for _, col := range board.Columns {
			all = append(all, s.columnView(b.Lang, f, id, col, money, page.CanWrite, page.Here))
		}
		for i := range all {
			all[i].MoveOptions = moveOptions(all, all[i].ID)
			if all[i].Kind != "open" {
				page.Zones = append(page.Zones, boardZone{ID: all[i].ID, Name: all[i].Name, Kind: all[i].Kind, Count: max(all[i].Count, outcomes[all[i].ID])})
				if f.Status == app.DealOpen {
					continue // open deals only: the stage would always be empty, so it is a drop zone only
				}
			}
			page.Columns = append(page.Columns, all[i])
		}
		s.views.render(w, r, http.StatusOK, "board", b.Lang, page)
	})
}

// columnView is a stage's column of the board under f.
func (s *site) columnView(lang string, f dealFilter, pipelineID string, col app.BoardColumn, money func([]app.Money) []string, canWrite bool, here string) boardColumnView {
	view := boardColumnView{ID: col.Stage.ID, Name: s.catalog.StageName(lang, col.Stage), Kind: col.Stage.Kind,
		Probability: col.Stage.Probability, RotDays: col.Stage.RotDays, Count: col.Count,
		Totals: money(col.Totals), Weighted: money(col.Weighted), More: col.More(), CanWrite: canWrite, Here: here}
	if view.More > 0 {
		stageFilter := f
		stageFilter.Stage = col.Stage.ID
		view.MoreURL = stageFilter.url(s.recordPath("pipeline.list", "id", pipelineID))
		view.LoadURL = stageFilter.url(s.recordPath("pipeline.board.more", "id", pipelineID))
	}
	for _, c := range col.Cards {
		view.Cards = append(view.Cards, s.cardView(lang, c.DealRow, c.DaysInStage, c.Rotting))
	}
	return view
}

func (s *site) cardView(lang string, r app.DealRow, days int, rotting bool) boardCardView {
	return boardCardView{ID: r.ID, Title: r.Title, Company: r.CompanyName, CompanyID: r.CompanyID, Contact: r.ContactName,
		Owner: r.OwnerName, Value: formatMoney(lang, app.Money{Value: r.Value, Currency: r.Currency}), Status: r.Status,
		CloseDate: r.ExpectedCloseDate, DaysInStage: days, Rotting: rotting}
}

// dealQuery is the store query of f for a pipeline, with the tag name
// resolved; a name no tag has matches no deal.
func (s *site) dealQuery(r *http.Request, f dealFilter, pipelineID string) (app.DealQuery, error) {
	q := f.query(pipelineID)
	if err := request.DealFilterQuery(r.Context(), s.app, request.CurrentUser(r), f.values(), &q); err != nil {
		return q, err // the query text or segment: the caller shows why
	}
	if f.Tag == "" {
		return q, nil
	}
	t, err := s.app.TagByName(r.Context(), f.Tag)
	switch {
	case app.ErrorCode(err) == app.ENotFound:
		q.TagID = request.NoTag
	case err != nil:
		return q, err
	default:
		q.TagID = t.ID
	}
	return q, nil
}

// pipelineTabs lists the pipelines in use for the switcher, plus current
// when it is archived.
func (s *site) pipelineTabs(r *http.Request, lang, current string) ([]pipelineTab, error) {
	list, err := s.app.Pipelines(r.Context(), request.CurrentUser(r))
	if err != nil {
		return nil, err
	}
	var out []pipelineTab
	for _, p := range list {
		if !p.Archived() || p.ID == current {
			out = append(out, pipelineTab{ID: p.ID, Name: s.catalog.PipelineName(lang, p), Archived: p.Archived()})
		}
	}
	return out, nil
}

// lostReasons are the reasons offered when a deal is lost: the team's
// list, else the built-in ones in the reader's language.
func (s *site) lostReasons(r *http.Request, lang string) []string {
	if list := s.app.LostReasons(r.Context()); list != nil {
		return list
	}
	var out []string
	for _, key := range app.BuiltinLostReasons {
		out = append(out, s.catalog.T(lang, key))
	}
	return out
}

// moveOptions writes the stage selector's options with selected marked.
// Every value is escaped here, as html/template would: this only saves
// doing it for each of a few hundred cards.
func moveOptions(columns []boardColumnView, selected string) template.HTML {
	var b strings.Builder
	for _, c := range columns {
		b.WriteString(`<option value="`)
		b.WriteString(template.HTMLEscapeString(c.ID))
		b.WriteByte('"')
		if c.ID == selected {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		b.WriteString(template.HTMLEscapeString(c.Name))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}
