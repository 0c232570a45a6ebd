package web

import (
	"html/template"
	"strings"
)

// builderFieldOptions and builderOpOptions are the <option>s of the filter
// builder's field and operator menus ("listQuery" template), written once
// per page for its three rows: as template ranges they were some 80
// options a list page, each a few escaper calls through reflection.
func (v *views) builderFieldOptions(lang string, fields []builderField) template.HTML {
	var b strings.Builder
	for _, f := range fields {
		label := f.Label
		if !f.Custom {
			label = v.catalog.T(lang, "filters.field."+f.Key)
		}
		b.WriteString(`<option value="` + escapeHTML(f.Key) + `">` + escapeHTML(label) + `</option>`)
	}
	return template.HTML(b.String())
}

func (v *views) builderOpOptions(lang string, ops []string) template.HTML {
	var b strings.Builder
	for _, op := range ops {
		b.WriteString(`<option value="` + escapeHTML(op) + `">` + escapeHTML(v.catalog.T(lang, "filters.op."+op)) + `</option>`)
	}
	return template.HTML(b.String())
}
