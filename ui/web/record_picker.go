package web

import (
	"net/http"
	"net/url"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// A record picker is a form field that links a record (a deal's company
// and contacts, a contact's company, an activity's or task's records).
// Its value travels under the form's own field name (company_id,
// contact_ids, links), as a <select> holding only the record chosen and
// the matches of a search, so scripts posting the form keep working and
// no page lists thousands of records.
//
// Without JavaScript it is a plain search: the text typed in the box
// beside the select (find.KEY) is searched when the form is submitted,
// and the form comes back unsaved with the matches in the select to
// choose from. With JavaScript (picker.js) the box becomes a combobox
// that suggests as one types, from GET /pick (record_picker_json.go).

// pickerFindPrefix names a picker's search box: find.company_id,
// find.contact_ids.1.
const pickerFindPrefix = "find."

// pickerMatches is how many matches a search offers.
const pickerMatches = 20

// recordPicker is one picker as the form shows it.
type recordPicker struct {
	Key       string // the search box is find.Key; "contact_ids.1" for the second contact row
	ID        string // the select's id, kept from the select the picker replaced; "" to derive one from Key
	Name      string // the form field that carries the value
	Kind      string // contact, company, deal; "" for any record (values are kind:id)
	Label     string // catalog key of the field's label
	NoneLabel string // catalog key of the empty choice
	Current   *pickerChoice
	Query     string // what was searched, without JavaScript
	Searched  bool
	Matches   []pickerChoice
	Error     string // catalog key of the field's problem
	Multiple  bool   // each choice adds a record (links): the select offers matches only
	Grow      bool   // one of a list of rows (a deal's contacts): the script adds a row once the last is used
}

// pickerChoice is one record a picker offers.
type pickerChoice struct {
	Value  string
	Label  string
	Detail string // email, company…: tells people of the same name apart
	Kind   string
}

// DOMID is the id of the picker's select; the search box is DOMID-find.
func (p recordPicker) DOMID() string {
	if p.ID != "" {
		return p.ID
	}
	return "pick-" + strings.NewReplacer(".", "-", "_", "-").Replace(p.Key)
}

// pickerSearching tells whether a submitted form asks for a search rather
// than a save: a Find button was pressed or some picker's box holds text.
func pickerSearching(form url.Values) bool {
	if form.Get("find") != "" { // a Find button, even with an empty box
		return true
	}
	for k, v := range form {
		if strings.HasPrefix(k, pickerFindPrefix) && len(v) > 0 && strings.TrimSpace(v[0]) != "" {
			return true
		}
	}
	return false
}

// fillPicker sets the picker's chosen record from value and, when the
// form searched with its box, its matches.
func (s *site) fillPicker(r *http.Request, p *recordPicker, value string) error {
	ctx, user := r.Context(), request.CurrentUser(r)
	if value != "" {
		ref := app.RecordRef{Entity: p.Kind, ID: value}
		if p.Kind == "" {
			ref = firstRef(value)
		}
		chosen, err := s.app.ChosenRecords(ctx, user, []app.RecordRef{ref})
		if err != nil {
			return err
		}
		c := pickerChoice{Value: value, Kind: ref.Entity}
		if hit, ok := chosen[ref]; ok {
			c.Label, c.Detail = hit.Title, hit.Subtitle
		} else {
			// In the trash, or not the user's to see: the link is kept, and
			// named if the user may see the name at all.
			names, err := s.app.RecordNames(ctx, user, []app.RecordRef{ref})
			if err != nil {
				return err
			}
			c.Label = names[ref]
		}
		p.Current = &c
	}
	if r.Method != http.MethodPost {
		return nil
	}
	p.Query = strings.TrimSpace(r.PostForm.Get(pickerFindPrefix + p.Key))
	if p.Query == "" {
		return nil
	}
	p.Searched = true
	hits, err := s.app.SearchRecords(ctx, user, p.Kind, p.Query, pickerMatches)
	if app.ErrorCode(err) == app.EInvalid {
		p.Error = "error.query_too_long"
		return nil
	}
	if err != nil {
		return err
	}
	for _, h := range hits {
		c := pickerChoice{Value: h.Ref, Label: h.Title, Detail: h.Subtitle, Kind: h.Kind}
		if p.Kind == "" {
			c.Value = h.Kind + ":" + h.Ref
		}
		if p.Current == nil || c.Value != p.Current.Value {
			p.Matches = append(p.Matches, c)
		}
	}
	return nil
}

// firstRef reads a kind:id value.
func firstRef(value string) app.RecordRef {
	if refs := parseRefs([]string{value}); len(refs) > 0 {
		return refs[0]
	}
	return app.RecordRef{}
}

// linkPicker is the "link another record" field of the activity and task
// forms: each record chosen is one more value of links (kind:id).
func (s *site) linkPicker(r *http.Request, errs map[string]string) (recordPicker, error) {
	p := recordPicker{Key: "links", ID: "links-pick", Name: "links", Label: "picker.add_link", NoneLabel: "picker.choose_link",
		Multiple: true, Error: errs["links"]}
	return p, s.fillPicker(r, &p, "")
}
