package app

import (
	"context"
	"slices"

	"rolo/store"
)

// BoardMoreLimit is how far down a column the board loads cards as it
// scrolls; past it, the column links to the list view, which pages.
const BoardMoreLimit = 500

// BoardMoreCards returns up to limit cards of one column of a pipeline's
// board after the first shown, under the filters of q: what a column
// shows when it is scrolled to its end. The column is read from its
// start, which costs shown rows more than a page of the list; shown is
// at most BoardMoreLimit.
func (a *App) BoardMoreCards(ctx context.Context, actor Actor, pipelineID, stageID string, q store.DealQuery, shown, limit int) ([]BoardCard, error) {
	p, err := a.boardPipeline(ctx, actor, pipelineID, &q)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(p.Stages, func(s Stage) bool { return s.ID == stageID && !s.Archived() })
	if i < 0 {
		return nil, errorf(ENotFound, "error.stage_not_found")
	}
	stage := p.Stages[i]
	if shown < 0 || shown > BoardMoreLimit || limit < 1 || limit > BoardColumnCards*5 {
		return nil, Invalid(map[string]string{"shown": "error.invalid"})
	}
	rows, err := store.BoardCards(ctx, a.db.Reader(), stageID, q, shown+limit)
	if err != nil || len(rows) <= shown {
		return nil, err
	}
	now := a.now()
	cards := make([]BoardCard, 0, len(rows)-shown)
	for _, r := range rows[shown:] {
		cards = append(cards, card(r, stage, now))
	}
	return cards, nil
}

// BoardOutcomes counts the won and lost deals of each closed stage of a
// pipeline under q's filters other than its status. A board of open deals
// shows them on its Won and Lost drop zones, so a drop there is seen to
// land.
func (a *App) BoardOutcomes(ctx context.Context, actor Actor, pipelineID string, q store.DealQuery) (map[string]int, error) {
	q.Status = ""
	if _, err := a.boardPipeline(ctx, actor, pipelineID, &q); err != nil {
		return nil, err
	}
	totals, err := store.BoardTotals(ctx, a.db.Reader(), pipelineID, q)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, t := range totals {
		out[t.StageID] += t.Count
	}
	return out, nil
}
