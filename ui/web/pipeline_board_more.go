package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleBoardMore answers the next cards of one board column as HTML
// list items, for board.js to append when the column is scrolled to its
// end: the board page sends only the first cards of each column. The
// query is the board's filters, the column's stage and how many cards it
// shows already (shown). After the cards comes the column's "more" line,
// which replaces the old one (or none when nothing is left).
func handleBoardMore(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.title")
		id := mux.Vars(r)["id"]
		v := r.URL.Query()
		f := readDealFilter(v)
		stageID := f.Stage
		f.Sort, f.Cursor, f.Stage = "", "", ""
		shown, err := strconv.Atoi(v.Get("shown"))
		if err != nil {
			s.views.renderError(w, r, b, app.Invalid(map[string]string{"shown": "error.invalid"}))
			return
		}
		q, err := s.dealQuery(r, f, id)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		cards, err := s.app.BoardMoreCards(r.Context(), b.User, id, stageID, q, shown, app.BoardColumnCards)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		canWrite := app.CanDo(b.User, app.AreaDeals, app.LevelEdit)
		col := boardColumnView{ID: stageID, CanWrite: canWrite, Here: f.url(s.recordPath("pipeline.board", "id", id))}
		for _, c := range cards {
			col.Cards = append(col.Cards, s.cardView(b.Lang, c.DealRow, c.DaysInStage, c.Rotting))
		}
		if canWrite {
			// The move selector lists the pipeline's stages, this one selected.
			p, err := s.app.Pipeline(r.Context(), b.User, id)
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			var stages []boardColumnView
			for _, st := range p.Stages {
				if !st.Archived() {
					stages = append(stages, boardColumnView{ID: st.ID, Name: s.catalog.StageName(b.Lang, st)})
				}
				if st.ID == stageID {
					col.RotDays = st.RotDays
				}
			}
			col.MoveOptions = moveOptions(stages, stageID)
		}
		if total, err := strconv.Atoi(v.Get("count")); err == nil {
			// The count the page was built with: what is left after these.
			col.More = total - shown - len(cards)
		}
		if col.More > 0 && len(cards) == app.BoardColumnCards {
			stageFilter := f
			stageFilter.Stage = stageID
			col.MoreURL = stageFilter.url(s.recordPath("pipeline.list", "id", id))
			if shown+len(cards) < app.BoardMoreLimit {
				col.LoadURL = stageFilter.url(s.recordPath("pipeline.board.more", "id", id))
			}
		}
		s.views.renderFragment(w, r, "board", "boardMore", b.Lang, col)
	})
}
