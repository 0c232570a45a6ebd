package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// handleDealNew shows an empty deal form. The current user owns it and it
// is in the default currency; ?pipeline=, ?stage=, ?company= and
// ?contact= (from a board, a company or a contact page) fill in the rest.
func handleDealNew(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.new_title")
		if s.refuseUnless(w, r, b, app.AreaDeals, app.LevelCreate) {
			return
		}
		q := r.URL.Query()
		form := dealForm{OwnerID: b.User.ID, Currency: s.app.DefaultCurrency(r.Context()), StageID: q.Get("stage"), CompanyID: q.Get("company")}
		if c := q.Get("contact"); c != "" {
			form.ContactIDs = []string{c}
			if contact, err := s.app.Contact(r.Context(), b.User, c); err == nil && form.CompanyID == "" {
				form.CompanyID = contact.CompanyID // a contact's deal is usually with their company
			}
		}
		if form.StageID == "" {
			p, err := s.firstPipeline(r, q.Get("pipeline"))
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			for _, st := range p.Stages {
				if st.Kind == app.StageOpen && !st.Archived() {
					form.StageID = st.ID
					break
				}
			}
		}
		s.renderDealForm(w, r, http.StatusOK, dealFormPage{Base: b, Form: form})
	})
}

// firstPipeline is the pipeline id names, when it is in use, else the
// default one.
func (s *site) firstPipeline(r *http.Request, id string) (app.Pipeline, error) {
	if id != "" {
		if p, err := s.app.Pipeline(r.Context(), request.CurrentUser(r), id); err == nil && !p.Trashed() && !p.Archived() {
			return p, nil
		}
	}
	return s.app.DefaultPipeline(r.Context(), request.CurrentUser(r))
}
