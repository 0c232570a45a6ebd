package web

import (
	"testing"
	"time"

	"rolo/app"
)

// The contact list's forms as pages/contacts.html wrote them before
// contact_list_forms.go.
const oldContactListForms = `{{define "oldFilters"}}<form method="get" action="{{url "contacts"}}" class="card filters" role="search" aria-label="{{t "record.filter.heading"}}">
  <div class="filter-fields">
    <div class="filter-field">
      <label for="filter-tag">{{t "record.field.tag"}}</label>
      <input id="filter-tag" name="tag" value="{{.Filter.Tag}}" autocomplete="off">
    </div>
    <div class="filter-field">
      <label for="filter-status">{{t "record.field.lifecycle_status"}}</label>
      <select id="filter-status" name="status">
        <option value="">{{t "record.filter.any"}}</option>
        {{range .Statuses}}<option value="{{.}}"{{if eq . $.Filter.Status}} selected{{end}}>{{t (printf "lifecycle.%s" .)}}</option>{{end}}
      </select>
    </div>
    <div class="filter-field">
      <label for="filter-owner">{{t "record.field.owner"}}</label>
      <select id="filter-owner" name="owner">
        <option value="">{{t "record.filter.any"}}</option>
        <option value="none"{{if eq .Filter.Owner "none"}} selected{{end}}>{{t "record.no_owner"}}</option>
        {{range .Team.All}}<option value="{{.ID}}"{{if eq .ID $.Filter.Owner}} selected{{end}}>{{.Name}}</option>{{end}}
      </select>
    </div>
    <div class="filter-field">
      <label for="filter-company">{{t "record.field.company"}}</label>
      <select id="filter-company" name="company">
        <option value="">{{t "record.filter.any"}}</option>
        <option value="none"{{if eq .Filter.Company "none"}} selected{{end}}>{{t "record.no_company"}}</option>
        {{if and .Filter.Company (ne .Filter.Company "none")}}<option value="{{.Filter.Company}}" selected>{{or .CompanyName (t "record.unknown_company")}}</option>{{end}}
      </select>
    </div>
    <div class="filter-field">
      <label for="filter-sort">{{t "record.sort"}}</label>
      <select id="filter-sort" name="sort">
        {{range .Sorts}}<option value="{{.}}"{{if or (eq . $.Filter.Sort) (and (eq . "name") (eq $.Filter.Sort ""))}} selected{{end}}>{{t (printf "record.sort.%s" .)}}</option>{{end}}
        {{template "customSorts" .Query}}
      </select>
    </div>
  </div>
  {{template "listQuery" .Query}}
  <div class="filter-actions">
    <button type="submit" id="apply-filters">{{t "record.filter.apply"}}</button>
    {{if .Filter.Filtered}}<a href="{{url "contacts"}}">{{t "record.filter.clear"}}</a>{{end}}
  </div>
</form>{{end}}
{{define "oldBulk"}}<details class="card bulk-actions">
  <summary>{{t "contacts.bulk_heading"}}</summary>
  <form method="post" action="{{url "contacts.bulk"}}" id="bulk" class="bulk-form">
    {{range .Back}}<input type="hidden" name="back.{{.Name}}" value="{{.Value}}">{{end}}
    <p class="help">{{t "contacts.bulk_help"}}</p>
    {{if .Filter.Segment}}<label class="check-label"><input type="checkbox" name="scope" value="segment" id="bulk-segment"> {{t "segments.bulk_all"}}</label>{{end}}
    <div class="bulk-group">
      <input name="tag" aria-label="{{t "record.field.tag"}}" placeholder="{{t "record.field.tag"}}" autocomplete="off">
      <button type="submit" name="action" value="add_tag" class="small">{{t "contacts.bulk_add_tag"}}</button>
      <button type="submit" name="action" value="remove_tag" class="small">{{t "contacts.bulk_remove_tag"}}</button>
    </div>
    <div class="bulk-group">
      <select name="owner_id" aria-label="{{t "record.field.owner"}}">
        <option value="">{{t "record.no_owner"}}</option>
        {{range .Team.Owners ""}}<option value="{{.ID}}">{{.Name}}</option>{{end}}
      </select>
      <button type="submit" name="action" value="set_owner" class="small">{{t "contacts.bulk_set_owner"}}</button>
    </div>
    <div class="bulk-group">
      <select name="status" aria-label="{{t "record.field.lifecycle_status"}}">
        {{range .Statuses}}<option value="{{.}}">{{t (printf "lifecycle.%s" .)}}</option>{{end}}
      </select>
      <button type="submit" name="action" value="set_status" class="small">{{t "contacts.bulk_set_status"}}</button>
    </div>
    <div class="bulk-group">
      <button type="submit" name="action" value="delete" class="small danger" data-confirm="{{t "contacts.bulk_delete_confirm"}}">{{t "contacts.bulk_delete"}}</button>
    </div>
  </form>
</details>{{end}}`

func TestContactListFormsWriteWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	ann := &app.User{ID: "u1", Name: "Ann"}
	gone := &app.User{ID: "u2", Name: nasty, Disabled: true}
	team := recordTeam{All: []*app.User{ann, gone, {ID: nasty, Name: "Odd"}}}
	fields := []builderField{{Key: "status", Label: "Status"}, {Key: "cf.seats", Label: nasty, Custom: true}}
	query := filterView{Entity: "contact", Fields: fields, Ops: []string{"is", "contains"}, Rows: []int{0, 1, 2},
		SortFields: []app.CustomField{{Key: "seats", Label: "Seats"}, {Key: nasty, Label: nasty}}}
	full := query
	full.Q, full.At, full.Segment, full.Sort = nasty, "3: "+nasty, "s2", "-cf.seats"
	full.Segments = []app.Segment{{ID: "s1", Name: "VIPs"}, {ID: "s2", Name: nasty, Shared: true}}
	empty := filterView{Entity: "contact"}
	pages := []contactsPage{
		{Filter: recordFilter{}, Query: query},
		{Filter: recordFilter{Sort: "updated", Tag: nasty, Status: "customer", Owner: "u2", Company: "co1", Q: nasty, Segment: "s2"},
			CompanyName: "Acme <Ltd>", Query: full, Back: []backField{{Name: "sort", Value: "updated"}, {Name: "q", Value: nasty}}},
		{Filter: recordFilter{Owner: "none", Company: "none", Sort: "-score"}, Query: empty},
		{Filter: recordFilter{Company: nasty, Sort: "cf.seats"}, Query: full},
	}
	for _, lang := range []string{"en", "ko"} {
		set := oldTemplate(t, v, lang, time.UTC, oldContactListForms)
		for _, p := range pages {
			p.Team, p.Statuses, p.Sorts, p.CanWrite = team, app.LifecycleStatuses, contactSorts, true
			got, err := v.contactFiltersHTML(lang, p)
			if err != nil {
				t.Fatal(err)
			}
			sameAsTemplate(t, set, "oldFilters", p, got)
			if got, err = v.contactBulkHTML(lang, p); err != nil {
				t.Fatal(err)
			}
			sameAsTemplate(t, set, "oldBulk", p, got)
		}
	}
}
