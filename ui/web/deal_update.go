package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleDealUpdate saves the deal form. A stage of another pipeline moves
// the deal there. When someone saved (or moved) the deal since the form
// was opened, the form comes back with the conflict explained.
func handleDealUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.edit_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		form := readDealForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			page := dealFormPage{Base: b, ID: id, Form: form}
			if d, err := s.app.Deal(r.Context(), b.User, id); err == nil {
				page.Name = d.Title
			}
			s.renderDealForm(w, r, http.StatusOK, page)
			return
		}
		_, err := s.app.UpdateDeal(r.Context(), b.User, id, form.Version, form.input())
		page := dealFormPage{Base: b, ID: id, Form: form}
		if err != nil {
			if d, lookup := s.app.Deal(r.Context(), b.User, id); lookup == nil {
				page.Name = d.Title
			}
		}
		if fields := fieldErrors(err); fields != nil {
			page.Errors = fields
			s.renderDealForm(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if app.ErrorCode(err) == app.EConflict {
			page.Problem = app.AsError(err).Message
			s.renderDealForm(w, r, http.StatusConflict, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "deals.saved")
		redirect(w, r, s.recordPath("deal.show", "id", id))
	})
}
