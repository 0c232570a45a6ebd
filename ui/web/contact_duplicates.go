package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// The contact form's duplicate check: a save that would add a likely
// duplicate (same email, same phone in E.164, same name at the same
// company) comes back with the candidates, each to open or merge with,
// and a "save anyway". The candidates shown travel in a hidden field, so
// the next save goes through unless it meets a new one.

// confirmDuplicatesField holds the ids of the candidates the user saw.
const confirmDuplicatesField = "confirm_duplicates"

// mergeWithField, on the "merge" button of a candidate, saves the contact
// and opens the merge screen with it and that candidate.
const mergeWithField = "merge_with"

// duplicateView is one candidate as the form shows it.
type duplicateView struct {
	app.DuplicateCandidate
	Company string // the company's name
}

// duplicatePanel is what the form shows above its fields.
type duplicatePanel struct {
	Candidates []duplicateView
	Confirmed  string // the hidden field's value
	CanMerge   bool
}

// holdForDuplicates shows the form again with the likely duplicates of
// what page's form would save, unless the user already saw each of them;
// it reports whether it did. exceptID is the contact edited ("" on
// create). A failing check never stops a save: it only warns.
func (s *site) holdForDuplicates(w http.ResponseWriter, r *http.Request, page contactFormPage, exceptID string) bool {
	ctx, user := r.Context(), page.User
	found, err := s.app.ContactDuplicateCandidates(ctx, user, page.Form.input(), exceptID)
	if err != nil || len(found) == 0 {
		return false
	}
	seen := strings.Fields(r.PostForm.Get(confirmDuplicatesField))
	unseen := slices.ContainsFunc(found, func(c app.DuplicateCandidate) bool { return !slices.Contains(seen, c.Contact.ID) })
	if !unseen {
		return false
	}
	panel := duplicatePanel{CanMerge: s.app.Can(user, app.AreaContacts, app.LevelDelete)}
	var ids, companyIDs []string
	for _, c := range found {
		ids = append(ids, c.Contact.ID)
		if c.Contact.CompanyID != "" {
			companyIDs = append(companyIDs, c.Contact.CompanyID)
		}
	}
	names := map[string]string{}
	if len(companyIDs) > 0 {
		companies, err := s.app.CompaniesByID(ctx, user, companyIDs)
		if err == nil {
			for _, co := range companies {
				names[co.ID] = co.Name
			}
		}
	}
	for _, c := range found {
		panel.Candidates = append(panel.Candidates, duplicateView{DuplicateCandidate: c, Company: names[c.Contact.CompanyID]})
	}
	panel.Confirmed = strings.Join(ids, " ")
	page.Duplicates = &panel
	s.renderContactForm(w, r, http.StatusConflict, page)
	return true
}

// afterContactSave sends the user on after a save: to the merge screen
// with the candidate when they chose "merge", else to the contact.
func (s *site) afterContactSave(w http.ResponseWriter, r *http.Request, id, flash string) {
	if other := r.PostForm.Get(mergeWithField); other != "" && other != id &&
		slices.Contains(strings.Fields(r.PostForm.Get(confirmDuplicatesField)), other) {
		setFlash(w, flash)
		redirect(w, r, s.recordPath("contacts.merge")+"?"+url.Values{"ids": {other, id}}.Encode())
		return
	}
	setFlash(w, flash)
	redirect(w, r, s.recordPath("contact.show", "id", id))
}

// storedContactName is the saved name of the contact, for the heading of
// its edit form shown again.
func (s *site) storedContactName(r *http.Request, id string) string {
	c, err := s.app.Contact(r.Context(), request.CurrentUser(r), id)
	if err != nil {
		return ""
	}
	return c.DisplayName
}
