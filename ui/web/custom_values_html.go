package web

import (
	"html/template"
	"strings"

	"rolo/app"
)

// customValuesHTML is the "customValues" template: a record page's custom
// fields, a card per group. Written in Go like the other repeated parts
// of record pages (issue 18), with the template's markup and escaping
// (see contact_rows.go).
func (v *views) customValuesHTML(lang string, groups []app.FieldGroup) template.HTML {
	if len(groups) == 0 {
		return ""
	}
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	var b strings.Builder
	for _, g := range groups {
		name := t("fields.section")
		if g.Name != "" {
			name = escapeHTML(g.Name)
		}
		write(&b, "\n<section class=\"card custom-values\">\n  <h2>", name, "</h2>\n  <dl class=\"facts\">\n  ")
		for _, f := range g.Fields {
			write(&b, `<dt>`, escapeHTML(f.Field.Label), `</dt><dd data-field="`, escapeHTML(f.Field.Key), `">`)
			switch {
			case f.Text == "":
				b.WriteString(`<span class="muted">—</span>`)
			case f.Field.Type == "url":
				write(&b, `<a href="`, escapeHTML(normalizeURL(filterURL(f.Text))), `" rel="noopener noreferrer">`, escapeHTML(f.Text), `</a>`)
			case f.Field.Type == "bool":
				b.WriteString(t("fields.bool." + f.Text))
			default:
				b.WriteString(escapeHTML(f.Text))
			}
			b.WriteString("</dd>\n  ")
		}
		b.WriteString("\n  </dl>\n</section>\n")
	}
	return template.HTML(b.String())
}
