package web

import (
	"testing"
	"time"

	"rolo/app"
	"rolo/store"
)

// oldContactFacts is the facts list of pages/contact.html before
// contact_facts.go.
const oldContactFacts = `{{define "oldFacts"}}{{$c := .Contact}}<dl class="record-facts">
      {{with $c.Emails}}<dt>{{t "record.field.emails"}}</dt>
      <dd><ul class="plain">{{range .}}<li><a href="mailto:{{.Value}}">{{.Value}}</a>{{with .Label}} <span class="muted">{{template "recordChannelLabel" .}}</span>{{end}}</li>{{end}}</ul></dd>{{end}}
      {{with $c.Phones}}<dt>{{t "record.field.phones"}}</dt>
      <dd><ul class="plain">{{range .}}<li><a href="tel:{{or .E164 .Value}}">{{.Value}}</a>{{with .Label}} <span class="muted">{{template "recordChannelLabel" .}}</span>{{end}}{{if not .E164}}<br><small class="help phone-unread">{{t "phones.unread_note"}}</small>{{end}}</li>{{end}}</ul></dd>{{end}}
      {{with .Company}}<dt>{{t "record.field.company"}}</dt>
      <dd><a href="{{url "company.show" "id" .ID}}">{{.Name}}</a>{{if .Trashed}} <span class="badge">{{t "record.in_trash_badge"}}</span>{{end}}</dd>{{else}}{{with .CompanyText}}<dt>{{t "record.field.company"}}</dt><dd>{{.}}</dd>{{end}}{{end}}
      {{if not $c.Address.Empty}}<dt>{{t "record.field.address"}}</dt><dd>{{template "recordAddress" $c.Address}}</dd>{{end}}
      {{with .Birthday}}<dt>{{t "record.field.birthday"}}</dt><dd>{{.}}</dd>{{end}}
      {{with $c.Website}}<dt>{{t "record.field.website"}}</dt><dd><a href="{{.}}" rel="noopener noreferrer nofollow" target="_blank">{{.}}</a></dd>{{end}}
      {{with .Social}}<dt>{{t "record.field.social"}}</dt>
      <dd><ul class="plain">{{range .}}<li>{{with .Label}}<span class="muted">{{.}}</span> {{end}}{{if .URL}}<a href="{{.URL}}" rel="noopener noreferrer nofollow" target="_blank">{{.Value}}</a>{{else}}{{.Value}}{{end}}</li>{{end}}</ul></dd>{{end}}
      {{with $c.LeadSource}}<dt>{{t "record.field.lead_source"}}</dt><dd>{{.}}</dd>{{end}}
      <dt>{{t "record.field.lifecycle_status"}}</dt><dd>{{t (printf "lifecycle.%s" $c.LifecycleStatus)}}</dd>
      {{with .Score}}<dt>{{t "scoring.score"}}</dt><dd id="lead-score"><strong>{{.Score}}</strong>{{with .Reasons}} <span class="muted">({{range $i, $r := .}}{{if $i}}, {{end}}{{$r.Name}} {{printf "%+d" $r.Points}}{{end}})</span>{{end}}</dd>{{end}}
      <dt>{{t "record.field.owner"}}</dt><dd>{{with .Team.Name $c.OwnerID}}{{.}}{{else}}<span class="muted">{{t "record.no_owner"}}</span>{{end}}</dd>
      {{with $c.Tags}}<dt>{{t "record.field.tags"}}</dt>
      <dd><span class="tags">{{range .}}<a class="tag" href="{{url "contacts"}}?tag={{.Name}}">{{template "recordTagDot" .}}{{.Name}}</a>{{end}}</span></dd>{{end}}
    </dl>{{end}}`

func TestContactFactsWriteWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	team := recordTeam{names: map[string]string{"u1": "Ann <Owner>"}}
	full := app.Contact{ID: "c1", LifecycleStatus: "customer", OwnerID: "u1", Website: "https://example.com/?a=1&b=" + nasty, LeadSource: nasty}
	full.Emails = []store.Labeled{{Label: "work", Value: "ann@example.com"}, {Label: nasty, Value: nasty}, {Value: "x+y@example.com"}}
	full.Phones = []store.Phone{{Label: "mobile", Value: "+82 10-1234-5678", E164: "+821012345678"}, {Label: "fax", Value: nasty}, {Value: "555"}}
	full.Address = store.Address{Street: nasty, PostalCode: "04524", City: "Seoul", Region: nasty, Country: "KR"}
	full.Tags = []store.Tag{{Name: "vip", Color: "#ff0000"}, {Name: nasty, Color: nasty}}
	trashed := app.Company{ID: "co1", Name: nasty}
	trashed.DeletedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	pages := []contactPage{
		{Contact: app.Contact{ID: "c2", LifecycleStatus: "lead"}},
		{Contact: full, Company: &app.Company{ID: "01a25028-9297-70cb-ad5b-e4d2c2c07074", Name: "Acme"}, Birthday: "1990-05-17",
			Social: []socialLink{{Label: "github", Value: "https://github.com/ann", URL: "https://github.com/ann"}, {Value: nasty}, {Label: "x", Value: "javascript:1", URL: "javascript:1"}},
			Score:  &contactScoreView{Score: 42, Reasons: []app.ScoreReason{{Name: "Opened", Points: 5}, {Name: nasty, Points: -3}}}},
		{Contact: app.Contact{ID: "c3", LifecycleStatus: nasty, Address: store.Address{City: "Paris"}}, Company: &trashed, Score: &contactScoreView{}},
		{Contact: app.Contact{ID: "c4", Address: store.Address{Country: "JP"}}, CompanyText: nasty},
	}
	for _, lang := range []string{"en", "ko"} {
		set := oldTemplate(t, v, lang, time.UTC, oldContactFacts)
		for _, p := range pages {
			p.Team = team
			got, err := v.contactFactsHTML(lang, p)
			if err != nil {
				t.Fatal(err)
			}
			sameAsTemplate(t, set, "oldFacts", p, got)
		}
	}
}
