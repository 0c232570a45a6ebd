package app

import (
	"context"
	"slices"
	"time"

	"rolo/store"
)

// Board is one pipeline as a kanban board: a column per stage that is not
// archived, with the first cards of each and the totals of all of them.
type Board struct {
	Pipeline Pipeline
	Columns  []BoardColumn
	// Totals and Weighted sum every column, one entry per currency.
	Totals   []Money
	Weighted []Money
	Count    int
}

// BoardColumn is one stage: its first cards in order, how many deals it
// holds under the filters, their value per currency, and that value
// times the stage's win probability.
type BoardColumn struct {
	Stage    Stage
	Cards    []BoardCard
	Count    int
	Totals   []Money
	Weighted []Money
}

// More is how many of the column's deals are not shown as cards.
func (c BoardColumn) More() int { return c.Count - len(c.Cards) }

// BoardCard is a deal as its card shows it.
type BoardCard struct {
	store.DealRow
	DaysInStage int
	// Rotting is set when the deal has waited in its stage longer than the
	// stage's rot days.
	Rotting bool
}

// BoardColumnCards is how many cards a column shows at first: about what
// a column's height holds at 1280 x 900. The rest are counted and summed;
// the board loads more as a column scrolls (BoardMoreCards), and the list
// view pages through them all.
const BoardColumnCards = 12

// Board builds the board of a pipeline under the filters of q (its sort
// and cursor are ignored).
func (a *App) Board(ctx context.Context, actor Actor, pipelineID string, q store.DealQuery) (Board, error) {
	p, err := a.boardPipeline(ctx, actor, pipelineID, &q)
	if err != nil {
		return Board{}, err
	}
	db := a.db.Reader()
	totals, err := store.BoardTotals(ctx, db, pipelineID, q)
	if err != nil {
		return Board{}, err
	}
	var matching map[string][]store.DealRow
	if store.NarrowBoard(q) {
		// Read only the matches when walking each column in card order
		// would read more rows than there are matches.
		walk, err := a.columnWalk(ctx, pipelineID, q, totals)
		if err != nil {
			return Board{}, err
		}
		if matches := totalCount(totals); walk > matches {
			if matching, err = store.BoardCardsMatching(ctx, db, pipelineID, q, BoardColumnCards); err != nil {
				return Board{}, err
			}
		}
	}
	now := a.now()
	board := Board{Pipeline: p}
	for _, s := range p.Stages {
		if s.Archived() {
			continue
		}
		col := BoardColumn{Stage: s}
		for _, t := range totals {
			if t.StageID == s.ID {
				col.Count += t.Count
				col.Totals = append(col.Totals, Money{Value: t.Value, Currency: t.Currency})
				col.Weighted = append(col.Weighted, Money{Value: weighted(t.Value, s.Probability), Currency: t.Currency})
			}
		}
		if col.Count > 0 {
			rows := matching[s.ID]
			if matching == nil {
				rows, err = store.BoardCards(ctx, db, s.ID, q, BoardColumnCards)
			}
			if err != nil {
				return Board{}, err
			}
			col.Cards = make([]BoardCard, len(rows))
			for i, r := range rows {
				col.Cards[i] = card(r, s, now)
			}
		}
		board.Count += col.Count
		board.Totals = addMoney(board.Totals, col.Totals)
		board.Weighted = addMoney(board.Weighted, col.Weighted)
		board.Columns = append(board.Columns, col)
	}
	return board, nil
}

// boardPipeline checks that actor may see the board of a live pipeline
// under q, narrows q to the deals actor sees, and returns the pipeline.
func (a *App) boardPipeline(ctx context.Context, actor Actor, pipelineID string, q *store.DealQuery) (Pipeline, error) {
	if err := checkDealQuery(*q); err != nil {
		return Pipeline{}, err
	}
	if err := a.can(actor, AreaDeals, LevelView); err != nil {
		return Pipeline{}, err
	}
	if !a.scopeDeals(actor, q) {
		q.Owner = "\x00" // another owner's deals: a filter nothing matches
	}
	p, err := a.Pipeline(ctx, actor, pipelineID)
	if err != nil {
		return Pipeline{}, err
	}
	if p.Trashed() {
		return Pipeline{}, errorf(ENotFound, "error.pipeline_not_found")
	}
	return p, nil
}

// columnWalk estimates how many rows walking every column in card order
// reads to find its first cards under q: a column of n deals with m
// matches spread through it needs about n/m rows per card.
func (a *App) columnWalk(ctx context.Context, pipelineID string, q store.DealQuery, matched []store.ColumnTotal) (int, error) {
	sizes, err := store.BoardTotals(ctx, a.db.Reader(), pipelineID, store.DealQuery{Status: q.Status})
	if err != nil {
		return 0, err
	}
	size, matches := map[string]int{}, map[string]int{}
	for _, t := range sizes {
		size[t.StageID] += t.Count
	}
	for _, t := range matched {
		matches[t.StageID] += t.Count
	}
	walk := 0
	for stage, m := range matches {
		if m >= BoardColumnCards {
			walk += BoardColumnCards * size[stage] / m
		} else {
			walk += size[stage]
		}
	}
	return walk, nil
}

func totalCount(totals []store.ColumnTotal) int {
	n := 0
	for _, t := range totals {
		n += t.Count
	}
	return n
}

func card(r store.DealRow, s Stage, now time.Time) BoardCard {
	days := daysBetween(r.StageEnteredAt, now)
	return BoardCard{DealRow: r, DaysInStage: days, Rotting: r.Status == store.DealOpen && s.RotDays > 0 && days > s.RotDays}
}

func daysBetween(from, to time.Time) int {
	if from.IsZero() || to.Before(from) {
		return 0
	}
	return int(to.Sub(from) / (24 * time.Hour))
}

// addMoney adds each amount of more to the one of its currency in sums,
// keeping currencies apart and in code order.
func addMoney(sums []Money, more []Money) []Money {
	for _, m := range more {
		i := slices.IndexFunc(sums, func(s Money) bool { return s.Currency == m.Currency })
		if i < 0 {
			sums = append(sums, m)
			continue
		}
		sums[i].Value += m.Value
	}
	slices.SortFunc(sums, func(x, y Money) int {
		switch {
		case x.Currency < y.Currency:
			return -1
		case x.Currency > y.Currency:
			return 1
		}
		return 0
	})
	return sums
}

// DealList is one page of deals with the total the filters match.
type DealList struct {
	store.DealPage
	Total int
}

// ListDeals pages through deals, for the list view and the API.
func (a *App) ListDeals(ctx context.Context, actor Actor, q store.DealQuery) (DealList, error) {
	page, total, err := listDealsWith(ctx, a, actor, q, store.ListDeals)
	return DealList{DealPage: page, Total: total}, err
}

// listDealsWith checks q and narrows it to what actor sees, then reads
// its page with list and the total its filters match.
func listDealsWith[P any](ctx context.Context, a *App, actor Actor, q store.DealQuery,
	list func(context.Context, store.Querier, store.DealQuery) (P, error)) (page P, total int, err error) {
	if err := checkDealQuery(q); err != nil {
		return page, 0, err
	}
	if q.Sort != "" && !contains(store.DealSorts, q.Sort) && (q.SortField == "" || q.Sort != "-") {
		return page, 0, Invalid(map[string]string{"sort": "error.sort_invalid"})
	}
	if err := a.can(actor, AreaDeals, LevelView); err != nil {
		return page, 0, err
	}
	if !a.scopeDeals(actor, &q) {
		return page, 0, nil
	}
	return pageAndTotal(ctx, a.db.Reader(), q, list, store.CountDeals)
}

func checkDealQuery(q store.DealQuery) error {
	p := map[string]string{}
	if q.Status != "" && !contains(DealStatuses, q.Status) {
		p["status"] = "error.deal_status_invalid"
	}
	for field, date := range map[string]string{"close_from": q.CloseFrom, "close_to": q.CloseTo} {
		if _, err := time.Parse(time.DateOnly, date); date != "" && err != nil {
			p[field] = "error.close_date_invalid"
		}
	}
	if q.Limit < 0 || q.Limit > 500 {
		p["limit"] = "error.limit_invalid"
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}

// DealsOf lists the live deals of a company ("company") or a contact
// ("contact", as primary or further contact), open ones first, for their
// pages.
func (a *App) DealsOf(ctx context.Context, actor Actor, kind, id string, limit int) ([]store.DealRow, error) {
	rows, err := store.DealsOf(ctx, a.db.Reader(), kind, id, limit)
	if scope := a.ownerScope(actor); scope != "" {
		rows = slices.DeleteFunc(rows, func(d store.DealRow) bool { return d.OwnerID != scope }) // a contact's deals may be others'
	}
	return rows, err
}

// RottingDeal is an open deal that has waited in its stage longer than the
// stage's rot days.
type RottingDeal struct {
	store.DealRow
	Pipeline    Pipeline // without its stages
	Stage       Stage
	DaysInStage int
	DaysOver    int // days past the stage's limit
}

// RottingDeals lists open deals going rotten, the most overdue first:
// those of ownerID, or everyone's when ownerID is "". Archived pipelines
// and stages are left out. It reads one index range per stage that has a
// rot limit.
func (a *App) RottingDeals(ctx context.Context, actor Actor, ownerID string, limit int) ([]RottingDeal, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	pipelines, err := a.Pipelines(ctx, actor)
	if err != nil {
		return nil, err
	}
	now := a.now()
	var out []RottingDeal
	for _, p := range pipelines {
		if p.Archived() {
			continue
		}
		stages := p.Stages
		p.Stages = nil
		for _, s := range stages {
			if s.Kind != store.StageOpen || s.RotDays == 0 || s.Archived() {
				continue
			}
			rows, err := store.RottingDeals(ctx, a.db.Reader(), s.ID, ownerID, now.Add(-time.Duration(s.RotDays)*24*time.Hour), limit)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				days := daysBetween(r.StageEnteredAt, now)
				out = append(out, RottingDeal{DealRow: r, Pipeline: p, Stage: s, DaysInStage: days, DaysOver: days - s.RotDays})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y RottingDeal) int { return y.DaysOver - x.DaysOver })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// StageStay is one time a deal sat in a stage: when it entered, when it
// left (zero while it is still there), and who moved it in.
type StageStay struct {
	StageID string
	Stage   Stage // zero when the stage was purged
	Entered time.Time
	Left    time.Time
	By      string
	ByName  string
}

// Duration is how long the deal stayed, up to now for the current stage.
func (s StageStay) Duration(now time.Time) time.Duration {
	end := s.Left
	if end.IsZero() {
		end = now
	}
	return end.Sub(s.Entered)
}

// DealHistory is a deal's stage history: every stay, oldest first, with
// the time it took to close.
type DealHistory struct {
	Stays []StageStay
	Now   time.Time
	// TimeToClose is from creation to closing; zero while open.
	TimeToClose time.Duration
}

// DealStageHistory returns the stages a deal went through.
func (a *App) DealStageHistory(ctx context.Context, actor Actor, id string) (DealHistory, error) {
	d, err := a.Deal(ctx, actor, id)
	if err != nil {
		return DealHistory{}, err
	}
	changes, err := store.StageChanges(ctx, a.db.Reader(), id)
	if err != nil {
		return DealHistory{}, err
	}
	ids := make([]string, 0, len(changes))
	for _, c := range changes {
		ids = append(ids, c.ToStageID)
	}
	stages, err := store.StagesByID(ctx, a.db.Reader(), ids)
	if err != nil {
		return DealHistory{}, err
	}
	h := DealHistory{Now: a.now()}
	for i, c := range changes {
		stay := StageStay{StageID: c.ToStageID, Stage: stages[c.ToStageID], Entered: c.At, By: c.By, ByName: c.ByName}
		if i+1 < len(changes) {
			stay.Left = changes[i+1].At
		}
		h.Stays = append(h.Stays, stay)
	}
	if !d.ClosedAt.IsZero() {
		h.TimeToClose = d.ClosedAt.Sub(d.CreatedAt)
	}
	return h, nil
}

// StageChanges lists a deal's raw stage changes, oldest first (the API's
// history).
func (a *App) StageChanges(ctx context.Context, actor Actor, id string) ([]store.StageChange, error) {
	if _, err := a.Deal(ctx, actor, id); err != nil {
		return nil, err
	}
	return store.StageChanges(ctx, a.db.Reader(), id)
}
