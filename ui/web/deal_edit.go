package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleDealEdit shows the form for a deal; a trashed deal shows its page,
// which offers to restore it.
func handleDealEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.edit_title")
		if s.refuseUnless(w, r, b, app.AreaDeals, app.LevelEdit) {
			return
		}
		d, err := s.app.Deal(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if d.Trashed() {
			redirect(w, r, s.recordPath("deal.show", "id", d.ID))
			return
		}
		s.renderDealForm(w, r, http.StatusOK, dealFormPage{Base: b, ID: d.ID, Name: d.Title, Form: dealFormOf(d)})
	})
}
