package web

import "net/http"

// handleCompanyCreate saves a new company and opens its page.
func handleCompanyCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "companies.new_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		form := readCompanyForm(r.PostForm)
		if s.holdCompanyForDuplicates(w, r, companyFormPage{Base: b, Form: form}) {
			return
		}
		c, err := s.app.CreateCompany(r.Context(), b.User, form.input())
		if fields := fieldErrors(err); fields != nil {
			s.renderCompanyForm(w, r, http.StatusUnprocessableEntity, companyFormPage{Base: b, Form: form, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, companySavedFlash("companies.created", c)) // warns of a number that could not be read
		redirect(w, r, s.recordPath("company.show", "id", c.ID))
	})
}
