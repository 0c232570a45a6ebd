package web

import "net/http"

// handleDealCreate saves a new deal and opens its page.
func handleDealCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.new_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		form := readDealForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			s.renderDealForm(w, r, http.StatusOK, dealFormPage{Base: b, Form: form})
			return
		}
		d, err := s.app.CreateDeal(r.Context(), b.User, form.input())
		if fields := fieldErrors(err); fields != nil {
			s.renderDealForm(w, r, http.StatusUnprocessableEntity, dealFormPage{Base: b, Form: form, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "deals.created")
		redirect(w, r, s.recordPath("deal.show", "id", d.ID))
	})
}
