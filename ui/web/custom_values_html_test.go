package web

import (
	"testing"
	"time"

	"rolo/app"
)

// oldCustomValues is the "customValues" template before
// custom_values_html.go.
const oldCustomValues = `{{define "oldCustomValues"}}{{range .}}
<section class="card custom-values">
  <h2>{{if .Name}}{{.Name}}{{else}}{{t "fields.section"}}{{end}}</h2>
  <dl class="facts">
  {{range .Fields}}<dt>{{.Field.Label}}</dt><dd data-field="{{.Field.Key}}">{{if .Text}}{{if eq .Field.Type "url"}}<a href="{{.Text}}" rel="noopener noreferrer">{{.Text}}</a>{{else if eq .Field.Type "bool"}}{{t (printf "fields.bool.%s" .Text)}}{{else}}{{.Text}}{{end}}{{else}}<span class="muted">—</span>{{end}}</dd>
  {{end}}
  </dl>
</section>
{{end}}{{end}}`

func TestCustomValuesWriteWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	field := func(key, label, typ string) app.CustomField {
		return app.CustomField{Key: key, Label: label, Type: typ}
	}
	groups := []app.FieldGroup{
		{Fields: []app.FieldValue{{Field: field("seats", "Seats", "number"), Text: "12"}, {Field: field("plan", nasty, "select")}}},
		{Name: nasty, Fields: []app.FieldValue{
			{Field: field("site", "Site", "url"), Text: "https://example.com/?a=1&b=" + nasty},
			{Field: field("bad", "Bad", "url"), Text: "javascript:alert(1)"},
			{Field: field("ok", "OK", "bool"), Text: "true"}, {Field: field("no", "No", "bool"), Text: "false"},
			{Field: field(nasty, "Notes", "text"), Text: nasty}}},
		{Name: "Empty"},
	}
	for _, lang := range []string{"en", "zh-Hans"} {
		set := oldTemplate(t, v, lang, time.UTC, oldCustomValues)
		for _, g := range [][]app.FieldGroup{nil, groups[:1], groups} {
			sameAsTemplate(t, set, "oldCustomValues", g, v.customValuesHTML(lang, g))
		}
	}
}
