package web

import (
	"testing"
	"time"

	"rolo/app"
)

// The record pages' deals, tasks and stamps cards as templates, before
// record_cards.go.
const oldRecordCards = `{{define "oldRecordDeals"}}
<section class="card record-deals" aria-labelledby="deals-heading" id="deals">
  <div class="section-head">
    <h2 id="deals-heading">{{t "deals.heading"}} <span class="badge">{{len .Deals}}</span></h2>
    {{if .CanWrite}}<a class="button small" href="{{.NewDealURL}}" id="add-deal">{{t "deals.new"}}</a>{{end}}
  </div>
  {{with .Deals}}
  <ul class="record-deal-list">
    {{range .}}
    <li><a href="{{url "deal.show" "id" .ID}}">{{.Title}}</a>
      <span class="record-deal-facts">{{template "dealStatus" .Status}} <span class="record-deal-value">{{.Value}}</span>{{if eq .Status "open"}} <span class="muted">{{.Stage}}</span>{{end}}</span></li>
    {{end}}
  </ul>
  {{else}}
  <p class="muted">{{t "deals.none_here"}}</p>
  {{end}}
</section>
{{end}}
{{define "oldTasksCard"}}
<section class="card record-tasks" aria-labelledby="tasks-heading" id="tasks">
  <div class="section-head">
    <h2 id="tasks-heading">{{t "tasks.heading"}}{{with .Tasks}} <span class="badge">{{len .}}</span>{{end}}</h2>
    {{if .Timeline.CanWrite}}<a class="button small" id="add-task" href="{{url "task.new"}}?{{.Timeline.Record.Entity}}={{.Timeline.Record.ID}}&amp;return={{.Timeline.Return}}">{{t "tasks.add"}}</a>{{end}}
  </div>
  {{with .Tasks}}{{template "taskList" .}}{{else}}<p class="muted">{{t "tasks.none_open"}}</p>{{end}}
</section>
{{end}}
{{define "oldStamps"}}
<p class="record-stamps muted">
  {{t "record.created"}} {{date .Stamp.CreatedAt}}{{with .Team.Name .Stamp.CreatedBy}} · {{.}}{{end}}<br>
  {{t "record.updated"}} {{date .Stamp.UpdatedAt}}{{with .Team.Name .Stamp.UpdatedBy}} · {{.}}{{end}}
</p>
{{end}}`

func TestRecordCardsWriteWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	team := recordTeam{names: map[string]string{"u1": "Ann", "u2": nasty}}
	deals := []recordDealView{{ID: "d1", Title: "Renewal", Status: "open", Value: "€1,200", Stage: "Proposal"},
		{ID: "d2", Title: nasty, Status: "won", Value: nasty, Stage: nasty}, {ID: "d3", Title: "Odd", Status: nasty, Stage: "x"}}
	tasks := []taskRow{{Task: app.Task{ID: "t1", Title: "Call", Priority: "high"}, Due: "Mon", Return: "/contacts/c1", CanWrite: true}}
	pages := []contactPage{
		{NewDealURL: "/deals/new?contact=c1"},
		{CanWrite: true, NewDealURL: "/deals/new?contact=" + nasty, Deals: deals, Tasks: tasks,
			Timeline: recordTimeline{CanWrite: true, Record: app.RecordRef{Entity: "contact", ID: "c 1&2"}, Return: "/contacts/c1?timeline=" + nasty},
			Stamp:    app.Stamp{CreatedAt: at, CreatedBy: "u1", UpdatedAt: at.Add(time.Hour), UpdatedBy: "u2"}},
		{Deals: deals[:1], Tasks: tasks, Stamp: app.Stamp{CreatedAt: at, CreatedBy: "gone"}},
	}
	for _, lang := range []string{"en", "ko"} {
		for _, loc := range []*time.Location{time.UTC, time.FixedZone("KST", 9*3600)} {
			set := oldTemplate(t, v, lang, loc, oldRecordCards)
			for _, p := range pages {
				p.Team = team
				got, err := v.recordDealsHTML(lang, p.Deals, p.CanWrite, p.NewDealURL)
				if err != nil {
					t.Fatal(err)
				}
				sameAsTemplate(t, set, "oldRecordDeals", p, got)
				if got, err = v.recordTasksCardHTML(lang, p.Tasks, p.Timeline); err != nil {
					t.Fatal(err)
				}
				sameAsTemplate(t, set, "oldTasksCard", p, got)
				sameAsTemplate(t, set, "oldStamps", p, v.recordStampsHTML(lang, loc, p.Stamp, p.Team))
			}
		}
	}
}
