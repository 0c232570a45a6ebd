package web

import (
	"testing"
	"time"

	"rolo/app"
	"rolo/store"
)

// oldContactHead is the top of pages/contact.html before contact_head.go.
const oldContactHead = `{{define "oldHead"}}{{$c := .Contact}}{{if $c.Trashed}}
<div class="trash-banner" role="status">
  <p><strong>{{t "contacts.in_trash"}}</strong> <span class="muted">{{date $c.DeletedAt}}{{with .Team.Name $c.DeletedBy}} · {{.}}{{end}}</span></p>
  {{if .CanWrite}}<form method="post" action="{{url "contact.restore" "id" $c.ID}}" class="inline"><button type="submit" class="primary" id="restore">{{t "record.restore"}}</button></form>{{end}}
</div>
{{end}}

<div class="page-head record-head">
  {{with .PhotoURL}}<img class="contact-photo" id="contact-photo" src="{{.}}" alt="{{t "photo.alt" $c.DisplayName}}" width="96" height="96">{{end}}
  <div class="record-heading">
    <h1>{{$c.DisplayName}}</h1>
    <p class="record-sub">
      {{- with $c.Title}}<span>{{.}}</span>{{end}}
      {{- with .Company}}<span><a href="{{url "company.show" "id" .ID}}">{{.Name}}</a></span>{{else}}{{with .CompanyText}}<span>{{.}}</span>{{end}}{{end}}
      <span class="status status-{{$c.LifecycleStatus}}">{{t (printf "lifecycle.%s" $c.LifecycleStatus)}}</span>
    </p>
  </div>
  {{if not $c.Trashed}}{{template "emailButton" .}}{{end}}
  {{if not $c.Trashed}}{{template "logActivityJump" .Timeline}}{{end}}
  {{if and .CanWrite (not $c.Trashed)}}
  <div class="record-actions">
    <a class="button" href="{{url "contact.edit" "id" $c.ID}}" id="edit">{{t "record.edit"}}</a>
    <form method="post" action="{{url "contact.delete" "id" $c.ID}}" class="inline">
      <button type="submit" class="danger" id="delete" data-confirm="{{t "contacts.delete_confirm"}}">{{t "record.delete"}}</button>
    </form>
  </div>
  {{end}}
</div>{{end}}`

func TestContactHeadWritesWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	team := recordTeam{names: map[string]string{"u1": nasty}}
	plain := app.Contact{ID: "01a25028-947c-7aca-862e-4a3edafcf60f", DisplayName: "Ann Lee", LifecycleStatus: "lead"}
	full := app.Contact{ID: "c1", DisplayName: nasty, Title: nasty, LifecycleStatus: nasty,
		Emails: []store.Labeled{{Value: "ann+x@example.com"}, {Value: "b@example.com"}}}
	trashed := full
	trashed.DeletedAt, trashed.DeletedBy = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC), "u1"
	pages := []contactPage{
		{Contact: plain},
		{Contact: full, CanWrite: true, PhotoURL: "/contacts/c1/photo?v=2", Company: &app.Company{ID: "co1", Name: "Acme & Co"},
			Privacy: &privacyView{Consent: app.Consent{DoNotContact: true}}, Timeline: recordTimeline{CanWrite: true}},
		{Contact: full, CompanyText: nasty, Privacy: &privacyView{}},
		{Contact: trashed, CanWrite: true, Timeline: recordTimeline{CanWrite: true}},
		{Contact: trashed},
	}
	for _, lang := range []string{"en", "ja"} {
		for _, loc := range []*time.Location{time.UTC, time.FixedZone("KST", 9*3600)} {
			set := oldTemplate(t, v, lang, loc, oldContactHead)
			for _, p := range pages {
				p.Team = team
				got, err := v.contactHeadHTML(lang, loc, p)
				if err != nil {
					t.Fatal(err)
				}
				sameAsTemplate(t, set, "oldHead", p, got)
			}
		}
	}
}
