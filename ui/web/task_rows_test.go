package web

import (
	"testing"
	"time"

	"rolo/app"
)

// oldTaskRow is the "taskRow" template that task_rows.go replaced.
const oldTaskRow = `{{define "taskRow"}}
<li class="task{{if .Late}} task-late{{end}}{{if .Task.Done}} task-done{{end}} priority-{{.Task.Priority}}" id="task-{{.Task.ID}}">
  {{if .CanWrite}}
  <form method="post" action="{{if .Task.Done}}{{url "task.reopen" "id" .Task.ID}}{{else}}{{url "task.complete" "id" .Task.ID}}{{end}}" class="task-check">
    <input type="hidden" name="return" value="{{.Return}}">
    <button type="submit" class="check{{if .Task.Done}} checked{{end}}" title="{{if .Task.Done}}{{t "tasks.reopen"}}{{else}}{{t "tasks.complete"}}{{end}}">
      <span class="visually-hidden">{{if .Task.Done}}{{t "tasks.reopen"}}{{else}}{{t "tasks.complete"}}{{end}}: {{.Task.Title}}</span>
    </button>
  </form>
  {{end}}
  <div class="task-body">
    <a href="{{url "task.show" "id" .Task.ID}}" class="task-title">{{.Task.Title}}</a>
    {{if eq .Task.Priority "high"}}<span class="badge badge-high">{{t "priority.high"}}</span>{{end}}
    {{if .Task.Recurrence}}<span class="repeat" title="{{.Task.Recurrence}}" aria-label="{{t "tasks.repeats"}}">↻</span>{{end}}
    <p class="task-meta">
      {{with .Due}}<span class="task-due">{{.}}</span>{{else}}<span class="muted">{{t "tasks.no_due"}}</span>{{end}}
      {{with .Snoozed}}<span class="task-snoozed">{{t "tasks.snoozed_until" .}}</span>{{end}}
      {{with .Assignee}}<span class="muted">{{.}}</span>{{end}}
      {{template "linkChips" .Links}}
    </p>
  </div>
  {{if and .CanWrite (not .Task.Done)}}
  <div class="task-actions">
    {{with .LogURL}}<a class="button small" href="{{.}}&amp;return={{$.Return}}">{{t "tasks.log"}}</a>{{end}}
    <details class="snooze">
      <summary class="button small">{{t "tasks.snooze"}}</summary>
      <form method="post" action="{{url "task.snooze" "id" .Task.ID}}" class="snooze-menu">
        <input type="hidden" name="return" value="{{.Return}}">
        <button type="submit" name="option" value="later" class="small">{{t "snooze.later"}}</button>
        <button type="submit" name="option" value="tomorrow" class="small">{{t "snooze.tomorrow"}}</button>
        <button type="submit" name="option" value="next_week" class="small">{{t "snooze.next_week"}}</button>
        <span class="snooze-date">
          <input type="date" name="date" aria-label="{{t "snooze.date"}}">
          <button type="submit" name="option" value="date" class="small">{{t "snooze.on_date"}}</button>
        </span>
      </form>
    </details>
  </div>
  {{end}}
</li>
{{end}}
{{define "oldTaskRows"}}{{range .}}{{template "taskRow" .}}{{end}}{{end}}`

func TestTaskRowsWriteWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	due := time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)
	base := app.Task{ID: "01a2502a-c992-71ba-a85e-4eea7974a47a", Title: "Call back", Priority: "normal", DueAt: due}
	done := base
	done.DoneAt = due.Add(time.Hour)
	high := base
	high.Priority, high.Recurrence, high.Title = "high", "FREQ=WEEKLY;BYDAY=MO", nasty
	odd := base
	odd.Priority, odd.Recurrence = nasty, nasty
	links := []linkView{
		{Entity: "contact", ID: "c1", Name: "Ann <Lee>", URL: "/contacts/c1"},
		{Entity: "company", ID: "co1", Name: "", URL: ""},
		{Entity: "deal", ID: "d1", Name: nasty, URL: "javascript:alert(1)"},
	}
	rows := []taskRow{
		{Task: base, Due: "Mon, Dec 7 09:30", Return: "/", CanWrite: true},
		{Task: base, Due: "Mon, Dec 7", Late: true, Return: "/tasks?assignee=all&status=open", CanWrite: true, Assignee: "Bo", Links: links,
			LogURL: "/activities/new?task=01a2502a&contact=c1"},
		{Task: done, Due: "Mon, Dec 7", Return: "/tasks?status=done", CanWrite: true, Links: links[:1], LogURL: "/activities/new?task=x"},
		{Task: high, Snoozed: "Tue, Dec 8 08:00", Return: nasty, CanWrite: true, Assignee: nasty, Links: links, LogURL: nasty},
		{Task: high, Late: true, Return: "/contacts/c1", CanWrite: false, Links: links, LogURL: "/activities/new?task=x&contact=c1"},
		{Task: odd, Due: nasty, Snoozed: nasty, Return: "/", CanWrite: true},
		{Task: done, Return: "/", CanWrite: false},
	}
	for _, lang := range []string{"en", "ko"} {
		set := oldTemplate(t, v, lang, time.UTC, oldTaskRow)
		for i := range rows {
			got, err := v.taskRowsHTML(lang, rows[i:i+1])
			if err != nil {
				t.Fatal(err)
			}
			sameAsTemplate(t, set, "oldTaskRows", rows[i:i+1], got)
		}
		got, err := v.taskRowsHTML(lang, rows)
		if err != nil {
			t.Fatal(err)
		}
		sameAsTemplate(t, set, "oldTaskRows", rows, got)
	}
}
