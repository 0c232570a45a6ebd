package web

import (
	"net/http"
	"slices"
	"strings"

	"rolo/app"
)

// The company form's duplicate check, on create: a company with the same
// domain or the same name as one that exists comes back with it listed,
// to open or to save anyway (companies merge on the Data quality page).

// companyDuplicatePanel is what the company form shows above its fields.
type companyDuplicatePanel struct {
	Candidates []app.CompanyCandidate
	Confirmed  string
}

// holdCompanyForDuplicates shows the form again with the likely
// duplicates of what it would save, unless the user saw each already.
func (s *site) holdCompanyForDuplicates(w http.ResponseWriter, r *http.Request, page companyFormPage) bool {
	found, err := s.app.CompanyDuplicateCandidates(r.Context(), page.User, page.Form.input(), "")
	if err != nil || len(found) == 0 {
		return false
	}
	seen := strings.Fields(r.PostForm.Get(confirmDuplicatesField))
	if !slices.ContainsFunc(found, func(c app.CompanyCandidate) bool { return !slices.Contains(seen, c.Company.ID) }) {
		return false
	}
	panel := companyDuplicatePanel{Candidates: found}
	var ids []string
	for _, c := range found {
		ids = append(ids, c.Company.ID)
	}
	panel.Confirmed = strings.Join(ids, " ")
	page.Duplicates = &panel
	s.renderCompanyForm(w, r, http.StatusConflict, page)
	return true
}
