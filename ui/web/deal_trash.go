package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleDealTrash moves a deal to the trash and shows its pipeline's
// board, or restores it and opens its page.
func handleDealTrash(s *site, trash bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.deal_title")
		id := mux.Vars(r)["id"]
		if trash {
			d, err := s.app.Deal(r.Context(), b.User, id)
			if err == nil {
				err = s.app.TrashDeal(r.Context(), b.User, id)
			}
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			setFlash(w, "deals.trashed")
			redirect(w, r, s.recordPath("pipeline.board", "id", d.PipelineID))
			return
		}
		if err := s.app.RestoreDeal(r.Context(), b.User, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "deals.restored")
		redirect(w, r, s.recordPath("deal.show", "id", id))
	})
}
