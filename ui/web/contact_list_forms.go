package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The contact list's filter form and bulk form (pages/contacts.html) are
// written in Go: their menus — statuses, sorts, the team twice, custom
// field sorts, segments, the filter builder's rows — were some 250
// template actions a page, each an escaper or two through reflection,
// 1,800 allocations and a third of the page's template time under load
// (issue 18). The markup and escaping are the template's (see
// contact_rows.go); the other lists keep the "listQuery" and
// "customSorts" templates these follow.

// contactFiltersHTML is the list's filter form: tag, status, owner,
// company and sort, then the query box and filter builder.
func (v *views) contactFiltersHTML(lang string, p contactsPage) (template.HTML, error) {
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	list, err := v.url("contacts")
	if err != nil {
		return "", err
	}
	list = escapeHTML(normalizeURL(filterURL(list)))
	f := p.Filter
	selected := func(yes bool) string {
		if yes {
			return ` selected`
		}
		return ""
	}
	anyLabel := t("record.filter.any")
	var b strings.Builder
	b.Grow(8192)
	write(&b, `<form method="get" action="`, list, `" class="card filters" role="search" aria-label="`, t("record.filter.heading"), `">
  <div class="filter-fields">
    <div class="filter-field">
      <label for="filter-tag">`, t("record.field.tag"), `</label>
      <input id="filter-tag" name="tag" value="`, escapeHTML(f.Tag), `" autocomplete="off">
    </div>
    <div class="filter-field">
      <label for="filter-status">`, t("record.field.lifecycle_status"), `</label>
      <select id="filter-status" name="status">
        <option value="">`, anyLabel, `</option>
        `)
	for _, s := range p.Statuses {
		write(&b, `<option value="`, escapeHTML(s), `"`, selected(s == f.Status), `>`, t("lifecycle."+s), `</option>`)
	}
	write(&b, `
      </select>
    </div>
    <div class="filter-field">
      <label for="filter-owner">`, t("record.field.owner"), `</label>
      <select id="filter-owner" name="owner">
        <option value="">`, anyLabel, `</option>
        <option value="none"`, selected(f.Owner == "none"), `>`, t("record.no_owner"), `</option>
        `)
	for _, u := range p.Team.All {
		write(&b, `<option value="`, escapeHTML(u.ID), `"`, selected(u.ID == f.Owner), `>`, escapeHTML(u.Name), `</option>`)
	}
	write(&b, `
      </select>
    </div>
    <div class="filter-field">
      <label for="filter-company">`, t("record.field.company"), `</label>
      <select id="filter-company" name="company">
        <option value="">`, anyLabel, `</option>
        <option value="none"`, selected(f.Company == "none"), `>`, t("record.no_company"), `</option>
        `)
	if f.Company != "" && f.Company != "none" {
		write(&b, `<option value="`, escapeHTML(f.Company), `" selected>`,
			escapeHTML(or(p.CompanyName, v.catalog.T(lang, "record.unknown_company"))), `</option>`)
	}
	write(&b, `
      </select>
    </div>
    <div class="filter-field">
      <label for="filter-sort">`, t("record.sort"), `</label>
      <select id="filter-sort" name="sort">
        `)
	for _, s := range p.Sorts {
		write(&b, `<option value="`, escapeHTML(s), `"`, selected(s == f.Sort || s == "name" && f.Sort == ""), `>`,
			t("record.sort."+s), `</option>`)
	}
	b.WriteString("\n        ")
	customSorts(&b, p.Query)
	b.WriteString(`
      </select>
    </div>
  </div>
  `)
	v.listQuery(&b, lang, p.Query)
	write(&b, `
  <div class="filter-actions">
    <button type="submit" id="apply-filters">`, t("record.filter.apply"), `</button>
    `)
	if f.Filtered() {
		write(&b, `<a href="`, list, `">`, t("record.filter.clear"), `</a>`)
	}
	b.WriteString(`
  </div>
</form>`)
	return template.HTML(b.String()), nil
}

// customSorts is the "customSorts" template: the sort menu's options for
// custom fields, each way.
func customSorts(b *strings.Builder, q filterView) {
	for _, f := range q.SortFields {
		key, label := escapeHTML(f.Key), escapeHTML(f.Label)
		write(b, "\n<option value=\"cf.", key, `"`)
		if "cf."+f.Key == q.Sort {
			b.WriteString(` selected`)
		}
		write(b, `>`, label, " ↑</option>\n<option value=\"-cf.", key, `"`)
		if "-cf."+f.Key == q.Sort {
			b.WriteString(` selected`)
		}
		write(b, `>`, label, " ↓</option>\n")
	}
}

// listQuery is the "listQuery" template: the query box, segment menu and
// filter builder rows inside a list's filter form.
func (v *views) listQuery(b *strings.Builder, lang string, q filterView) {
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	write(b, `
<div class="filter-query">
  <label for="filter-q">`, t("filters.query"), `</label>
  <input id="filter-q" name="q" value="`, escapeHTML(q.Q), `" autocomplete="off" spellcheck="false" placeholder='tag:vip status:customer created:>2026-01-01 "acme"'>
  <p class="help">`, t("filters.query_help"), `</p>
  `)
	if q.At != "" {
		write(b, `<p class="field-error" role="alert" id="query-error">`, t("filters.not_understood"), ` <code>`, escapeHTML(q.At), `</code></p>`)
	}
	b.WriteString("\n  ")
	if len(q.Segments) > 0 {
		write(b, `
  <label for="filter-segment">`, t("segments.segment"), `</label>
  <select id="filter-segment" name="segment">
    <option value="">`, t("record.filter.any"), `</option>
    `)
		for _, s := range q.Segments {
			write(b, `<option value="`, escapeHTML(s.ID), `"`)
			if s.ID == q.Segment {
				b.WriteString(` selected`)
			}
			write(b, `>`, escapeHTML(s.Name))
			if s.Shared {
				write(b, ` · `, t("segments.shared"))
			}
			b.WriteString(`</option>`)
		}
		b.WriteString("\n  </select>\n  ")
	}
	b.WriteString("\n  <details class=\"filter-builder\"")
	if q.Q != "" {
		b.WriteString(" open")
	}
	write(b, ">\n    <summary>", t("filters.builder"), "</summary>\n    ")
	if len(q.Rows) > 0 {
		fields, ops := string(v.builderFieldOptions(lang, q.Fields)), string(v.builderOpOptions(lang, q.Ops))
		fieldLabel, opLabel, valueLabel := t("filters.field"), t("filters.op"), t("filters.value")
		for _, row := range q.Rows {
			n := strconv.Itoa(row)
			write(b, `
    <div class="builder-row">
      <select name="fb.field.`, n, `" aria-label="`, fieldLabel, `">
        <option value="">—</option>
        `, fields, `
      </select>
      <select name="fb.op.`, n, `" aria-label="`, opLabel, `">
        `, ops, `
      </select>
      <input name="fb.value.`, n, `" aria-label="`, valueLabel, `" autocomplete="off">
    </div>
    `)
		}
	}
	b.WriteString("\n  </details>\n</div>\n")
}

// contactBulkHTML is the bulk form that acts on the chosen rows: tags,
// owner, status, trash. It returns to this page (Back).
func (v *views) contactBulkHTML(lang string, p contactsPage) (template.HTML, error) {
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	bulk, err := v.url("contacts.bulk")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(4096)
	write(&b, `<details class="card bulk-actions">
  <summary>`, t("contacts.bulk_heading"), `</summary>
  <form method="post" action="`, escapeHTML(normalizeURL(filterURL(bulk))), `" id="bulk" class="bulk-form">
    `)
	for _, f := range p.Back {
		write(&b, `<input type="hidden" name="back.`, escapeHTML(f.Name), `" value="`, escapeHTML(f.Value), `">`)
	}
	write(&b, `
    <p class="help">`, t("contacts.bulk_help"), `</p>
    `)
	if p.Filter.Segment != "" {
		write(&b, `<label class="check-label"><input type="checkbox" name="scope" value="segment" id="bulk-segment"> `, t("segments.bulk_all"), `</label>`)
	}
	tag := t("record.field.tag")
	write(&b, `
    <div class="bulk-group">
      <input name="tag" aria-label="`, tag, `" placeholder="`, tag, `" autocomplete="off">
      <button type="submit" name="action" value="add_tag" class="small">`, t("contacts.bulk_add_tag"), `</button>
      <button type="submit" name="action" value="remove_tag" class="small">`, t("contacts.bulk_remove_tag"), `</button>
    </div>
    <div class="bulk-group">
      <select name="owner_id" aria-label="`, t("record.field.owner"), `">
        <option value="">`, t("record.no_owner"), `</option>
        `)
	for _, o := range p.Team.Owners("") {
		write(&b, `<option value="`, escapeHTML(o.ID), `">`, escapeHTML(o.Name), `</option>`)
	}
	write(&b, `
      </select>
      <button type="submit" name="action" value="set_owner" class="small">`, t("contacts.bulk_set_owner"), `</button>
    </div>
    <div class="bulk-group">
      <select name="status" aria-label="`, t("record.field.lifecycle_status"), `">
        `)
	for _, s := range p.Statuses {
		write(&b, `<option value="`, escapeHTML(s), `">`, t("lifecycle."+s), `</option>`)
	}
	write(&b, `
      </select>
      <button type="submit" name="action" value="set_status" class="small">`, t("contacts.bulk_set_status"), `</button>
    </div>
    <div class="bulk-group">
      <button type="submit" name="action" value="delete" class="small danger" data-confirm="`, t("contacts.bulk_delete_confirm"), `">`,
		t("contacts.bulk_delete"), `</button>
    </div>
  </form>
</details>`)
	return template.HTML(b.String()), nil
}
