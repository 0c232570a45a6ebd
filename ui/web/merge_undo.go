package web

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// mergeView is a merge that can be undone, as the page lists it.
type mergeView struct {
	app.Merge
	When time.Time
}

// companyDuplicates adds the likely duplicate companies and the merges
// that can still be undone to the data-quality page.
func (s *site) companyDuplicates(r *http.Request, page *qualityPage) error {
	ctx, user := r.Context(), request.CurrentUser(r)
	groups, err := s.app.Duplicates(ctx, user, "company")
	if err != nil {
		return err
	}
	for _, g := range groups {
		companies, err := s.app.CompaniesByID(ctx, user, g.IDs)
		if err != nil {
			return err
		}
		if len(companies) > 1 {
			page.Company = append(page.Company, companyGroup{DuplicateGroup: g, Companies: companies})
		}
	}
	if !page.CanMerge {
		return nil
	}
	for _, entity := range []string{"contact", "company"} {
		merges, err := s.app.RecentMerges(ctx, user, entity)
		if err != nil {
			return err
		}
		for _, m := range merges {
			page.Merges = append(page.Merges, mergeView{Merge: m, When: app.ParseTime(m.At)})
		}
	}
	return nil
}

// handleMergeUndo undoes a merge: the merged-away record comes back from
// the trash with its links, and the survivor gets its fields back.
func handleMergeUndo(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "quality.title")
		m, err := s.app.UndoMerge(r.Context(), b.User, mux.Vars(r)["id"])
		if code := app.ErrorCode(err); code == app.EConflict || (code == app.ENotFound && m.ID != "") {
			setFlash(w, app.AsError(err).Message)
			redirect(w, r, s.recordPath("quality"))
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "quality.merge_undone")
		show := map[string]string{"contact": "contact.show", "company": "company.show"}[m.Entity]
		redirect(w, r, s.recordPath(show, "id", m.MergedID))
	})
}
