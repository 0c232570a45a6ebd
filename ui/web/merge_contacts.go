package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// The field-by-field merge screen: two or more contacts side by side, a
// radio per field where they differ, the record to keep, a preview of
// the result, then the merge, which the page after it can undo.

// mergeScreen is the page's data.
type mergeScreen struct {
	Base
	Contacts  []app.Contact
	Keep      string
	Fields    []mergeRow // one choice each
	Lists     []mergeRow // combined: emails, phones, profiles, tags
	Custom    []mergeRow // the kept record's value, filled from the others
	Preview   []mergeRow // the result, one cell each
	Previewed bool
	// After a merge: the contact kept and the merges that can be undone.
	Kept   *app.Contact
	Merges []app.Merge
}

// mergeRow is one field across the records.
type mergeRow struct {
	Field   string // form key of the choice (pick.<Field>)
	Label   string // catalog key, or the custom field's own label when Literal
	Literal bool
	Cells   []mergeCell
	Choice  bool // the records hold more than one value: a radio per record
}

// mergeCell is one record's value of a field.
type mergeCell struct {
	ID     string // the record's id
	Text   string
	Key    string // a catalog key to show instead of Text (lifecycle)
	Chosen bool
}

// maxMergeContacts bounds the records side by side: more do not fit a screen.
const maxMergeContacts = 4

// handleContactsMergeScreen shows ?ids=…&ids=… side by side, with the
// choices of ?keep= and ?pick.<field>= when the preview sent them.
func handleContactsMergeScreen(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "merge.title")
		q := r.URL.Query()
		if keep := q.Get("merged"); keep != "" {
			s.renderMergeDone(w, r, b, keep, q["m"])
			return
		}
		page, err := s.mergeScreenFor(r, b, q)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.Previewed = q.Has("preview")
		s.views.render(w, r, http.StatusOK, "contacts_merge", b.Lang, page)
	})
}

// handleContactsMerge merges the others into the contact kept, taking
// each chosen field from the record picked for it.
func handleContactsMerge(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "merge.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if !s.app.Can(b.User, app.AreaContacts, app.LevelDelete) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		form := r.PostForm
		keep, ids := form.Get("keep"), form["ids"]
		if !slices.Contains(ids, keep) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EInvalid, Message: "error.invalid"})
			return
		}
		pick := map[string]string{}
		for _, f := range app.MergeChoiceFields {
			if id := form.Get("pick." + f); slices.Contains(ids, id) {
				pick[f] = id
			}
		}
		for name := range form {
			if key, ok := strings.CutPrefix(name, "pick.cf."); ok && slices.Contains(ids, form.Get(name)) {
				pick["custom_fields."+key] = form.Get(name)
			}
		}
		merges, err := s.app.MergeContactsChosen(r.Context(), b.User, keep, ids, pick)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		done := url.Values{"merged": {keep}}
		for _, m := range merges {
			done.Add("m", m.ID)
		}
		setFlash(w, "merge.done")
		redirect(w, r, s.recordPath("contacts.merge")+"?"+done.Encode())
	})
}

// mergeScreenFor loads the records of q and lays out their fields.
func (s *site) mergeScreenFor(r *http.Request, b Base, q url.Values) (mergeScreen, error) {
	page := mergeScreen{Base: b}
	if !s.app.Can(b.User, app.AreaContacts, app.LevelDelete) {
		return page, &app.Error{Code: app.EForbidden, Message: "error.forbidden"}
	}
	var ids []string
	for _, id := range q["ids"] {
		if id != "" && !slices.Contains(ids, id) && len(ids) < maxMergeContacts {
			ids = append(ids, id)
		}
	}
	contacts, err := s.app.ContactsByID(r.Context(), b.User, ids)
	if err != nil {
		return page, err
	}
	contacts = slices.DeleteFunc(contacts, func(c app.Contact) bool { return c.Trashed() })
	if len(contacts) < 2 {
		return page, &app.Error{Code: app.ENotFound, Message: "merge.need_two"}
	}
	page.Contacts, page.Keep = contacts, contacts[0].ID
	if k := q.Get("keep"); slices.ContainsFunc(contacts, func(c app.Contact) bool { return c.ID == k }) {
		page.Keep = k
	}
	texts, err := s.mergeTexts(r, contacts)
	if err != nil {
		return page, err
	}
	for _, f := range app.MergeChoiceFields {
		row := mergeRow{Field: f, Label: mergeLabels[f]}
		for _, c := range contacts {
			cell := mergeCell{ID: c.ID, Text: texts[c.ID][f]}
			if f == "lifecycle_status" {
				cell.Key = "lifecycle." + cell.Text
			}
			row.Cells = append(row.Cells, cell)
		}
		row.choose(page.Keep, q.Get("pick."+f))
		if !row.empty() {
			page.Fields = append(page.Fields, row)
		}
	}
	for _, f := range []string{"emails", "phones", "social", "tags"} {
		row := mergeRow{Field: f, Label: mergeLabels[f]}
		for _, c := range contacts {
			row.Cells = append(row.Cells, mergeCell{ID: c.ID, Text: texts[c.ID][f]})
		}
		if !row.empty() {
			page.Lists = append(page.Lists, row)
		}
	}
	if page.Custom, err = s.mergeCustomRows(r, contacts, page.Keep, q); err != nil {
		return page, err
	}
	page.Preview = mergePreview(page)
	return page, nil
}

// choose marks the cell whose value the merged record gets: the picked
// record's when it has a value, else the kept one's, else the first
// value; a choice is offered only between different values.
func (row *mergeRow) choose(keep, picked string) {
	var distinct []string
	for _, c := range row.Cells {
		if c.Text != "" && !slices.Contains(distinct, c.Text) {
			distinct = append(distinct, c.Text)
		}
	}
	row.Choice = len(distinct) > 1
	chosen := -1
	for i, c := range row.Cells {
		if c.Text == "" {
			continue
		}
		if c.ID == picked {
			chosen = i
			break
		}
		if c.ID == keep || chosen < 0 {
			chosen = i
		}
	}
	if chosen < 0 {
		for i, c := range row.Cells {
			if c.ID == keep {
				chosen = i
			}
		}
	}
	if chosen >= 0 {
		row.Cells[chosen].Chosen = true
	}
}

// empty tells a field none of the records has: not worth a row.
func (row mergeRow) empty() bool {
	return !slices.ContainsFunc(row.Cells, func(c mergeCell) bool { return c.Text != "" })
}

var mergeLabels = map[string]string{
	"name": "merge.field.name", "title": "record.field.title", "company_id": "record.field.company", "owner_id": "record.field.owner",
	"lifecycle_status": "record.field.lifecycle_status", "lead_source": "record.field.lead_source", "birthday": "record.field.birthday",
	"website": "record.field.website", "address": "record.field.address", "notes": "record.field.notes",
	"emails": "record.field.emails", "phones": "record.field.phones", "social": "record.field.social", "tags": "record.field.tags",
}

// mergeTexts is each contact's fields as shown: names for the company
// and owner, the address on one line, lists joined.
func (s *site) mergeTexts(r *http.Request, contacts []app.Contact) (map[string]map[string]string, error) {
	team, err := s.recordTeam(r)
	if err != nil {
		return nil, err
	}
	var companyIDs []string
	for _, c := range contacts {
		if c.CompanyID != "" {
			companyIDs = append(companyIDs, c.CompanyID)
		}
	}
	companies := map[string]string{}
	if len(companyIDs) > 0 {
		list, err := s.app.CompaniesByID(r.Context(), request.CurrentUser(r), companyIDs)
		if err != nil {
			return nil, err
		}
		for _, co := range list {
			companies[co.ID] = co.Name
		}
	}
	out := map[string]map[string]string{}
	for _, c := range contacts {
		company := companies[c.CompanyID]
		if company == "" && c.CompanyID != "" {
			company = c.CompanyID // a company one may not see still differs from none
		}
		var emails, phones, social, tags []string
		for _, e := range c.Emails {
			emails = append(emails, e.Value)
		}
		for _, p := range c.Phones {
			phones = append(phones, p.Value)
		}
		for _, l := range c.Social {
			social = append(social, l.Value)
		}
		for _, t := range c.Tags {
			tags = append(tags, t.Name)
		}
		a := c.Address
		out[c.ID] = map[string]string{
			"name": c.DisplayName, "title": c.Title, "company_id": company, "owner_id": team.Name(c.OwnerID),
			"lifecycle_status": c.LifecycleStatus, "lead_source": c.LeadSource, "birthday": strings.TrimPrefix(c.Birthday, "--"),
			"website": c.Website, "notes": c.Notes, "address": joinText(", ", a.Street, a.City, a.Region, a.PostalCode, a.Country),
			"emails": strings.Join(emails, "\n"), "phones": strings.Join(phones, "\n"), "social": strings.Join(social, "\n"),
			"tags": strings.Join(tags, ", "),
		}
	}
	return out, nil
}

// mergeCustomRows lays out the custom fields any of the contacts has a
// value for, with a choice where they differ (pick.cf.KEY).
func (s *site) mergeCustomRows(r *http.Request, contacts []app.Contact, keep string, q url.Values) ([]mergeRow, error) {
	fields, err := s.app.CustomFields(r.Context(), "contact")
	if err != nil {
		return nil, err
	}
	var rows []mergeRow
	for _, f := range fields {
		row := mergeRow{Field: "cf." + f.Key, Label: f.Label, Literal: true}
		any := false
		for _, c := range contacts {
			text := customText(c.CustomFields[f.Key])
			any = any || text != ""
			row.Cells = append(row.Cells, mergeCell{ID: c.ID, Text: text})
		}
		if any {
			row.choose(keep, q.Get("pick."+row.Field))
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func customText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case []string:
		return strings.Join(t, ", ")
	case []any:
		parts := make([]string, len(t))
		for i, p := range t {
			parts[i] = fmt.Sprint(p)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

// mergePreview is the record the merge makes: each chosen value, and the
// lists combined with each entry once.
func mergePreview(page mergeScreen) []mergeRow {
	var out []mergeRow
	for _, rows := range [][]mergeRow{page.Fields, page.Custom} {
		for _, row := range rows {
			for _, c := range row.Cells {
				if c.Chosen && c.Text != "" {
					out = append(out, mergeRow{Field: row.Field, Label: row.Label, Literal: row.Literal, Cells: []mergeCell{c}})
				}
			}
		}
	}
	for _, row := range page.Lists {
		sep := "\n"
		if row.Field == "tags" {
			sep = ", "
		}
		var all []string
		for _, c := range row.Cells {
			for _, v := range strings.Split(c.Text, sep) {
				if v != "" && !slices.ContainsFunc(all, func(o string) bool { return strings.EqualFold(o, v) }) {
					all = append(all, v)
				}
			}
		}
		if len(all) > 0 {
			out = append(out, mergeRow{Field: row.Field, Label: row.Label, Cells: []mergeCell{{Text: strings.Join(all, sep)}}})
		}
	}
	return out
}

func joinText(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// renderMergeDone shows the contact kept after a merge, with the merges
// made (ids) that can still be undone, together.
func (s *site) renderMergeDone(w http.ResponseWriter, r *http.Request, b Base, keep string, ids []string) {
	c, err := s.app.Contact(r.Context(), b.User, keep)
	if err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	page := mergeScreen{Base: b, Kept: &c}
	merges, err := s.app.RecentMerges(r.Context(), b.User, "contact")
	if err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	for _, m := range merges {
		if m.SurvivorID == keep && slices.Contains(ids, m.ID) {
			page.Merges = append(page.Merges, m)
		}
	}
	s.views.render(w, r, http.StatusOK, "contacts_merge", b.Lang, page)
}
