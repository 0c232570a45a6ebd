package web

import (
	"net/http"
	"strconv"

	"rolo/app"
)

// qualityPage is the data-quality report: counts that link to lists, and
// the likely duplicate contacts with a merge form per group.
type qualityPage struct {
	Base
	Report   app.QualityReport
	Problem  string        // the list shown, if any
	List     []app.Contact // its contacts
	Groups   []duplicateGroup
	Company  []companyGroup // likely duplicate companies
	Merges   []mergeView    // recent merges that can be undone
	Problems []string
	CanMerge bool
}

// duplicateGroup is a group with its contacts loaded.
type duplicateGroup struct {
	app.DuplicateGroup
	Contacts []app.Contact
}

// companyGroup is a group of likely duplicate companies.
type companyGroup struct {
	app.DuplicateGroup
	Companies []app.Company
}

// handleQuality shows the report; ?list=no_email lists one problem.
func handleQuality(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "quality.title")
		ctx := r.Context()
		days, _ := strconv.Atoi(r.URL.Query().Get("stale_days"))
		report, err := s.app.DataQuality(ctx, b.User, days)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := qualityPage{Base: b, Report: report, Problems: app.QualityProblems,
			CanMerge: s.app.Can(b.User, app.AreaContacts, app.LevelDelete)}
		if p := r.URL.Query().Get("list"); p != "" {
			if page.List, err = s.app.QualityList(ctx, b.User, p, days); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			page.Problem = p
		}
		groups, err := s.app.Duplicates(ctx, b.User, "contact")
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		for _, g := range groups {
			contacts, err := s.app.ContactsByID(ctx, b.User, g.IDs)
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			page.Groups = append(page.Groups, duplicateGroup{DuplicateGroup: g, Contacts: contacts})
		}
		if err := s.companyDuplicates(r, &page); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "quality", b.Lang, page)
	})
}

// handleDuplicatesMerge merges every contact of a group into the one
// chosen to keep.
func handleDuplicatesMerge(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "quality.title")
		if err := r.ParseForm(); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		keep := r.PostForm.Get("keep")
		merge := s.app.MergeContacts
		if r.PostForm.Get("entity") == "company" {
			merge = s.app.MergeCompanies
		}
		if !s.app.Can(b.User, app.AreaContacts, app.LevelDelete) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		take := map[string]string{}
		for _, f := range r.PostForm["take"] {
			take[f] = "loser"
		}
		for _, id := range r.PostForm["ids"] {
			if id == keep {
				continue
			}
			if err := merge(r.Context(), b.User, keep, id, take); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
		}
		if r.PostForm.Get("entity") == "company" {
			setFlash(w, "quality.companies_merged")
		} else {
			setFlash(w, "quality.merged")
		}
		redirect(w, r, s.recordPath("quality"))
	})
}
