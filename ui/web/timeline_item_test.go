package web

import (
	"bytes"
	"html/template"
	"testing"
	"time"

	"rolo/app"
)

// oldRecordTimeline is the "recordTimeline" template before its entries
// were written in Go (timeline_item.go).
const oldRecordTimeline = `{{define "oldRecordTimeline"}}
<ol class="timeline" id="timeline">
  {{range .Items}}
  {{if .Activity}}{{with .Activity}}
  <li class="timeline-item timeline-activity{{if .Email}} timeline-email{{end}}" id="activity-{{.ID}}">
    <p class="timeline-head">{{template "typeDot" .Type}} <span class="timeline-action">{{.Type.Name}}</span>{{with .Outcome}} <span class="activity-outcome">{{.}}</span>{{end}}</p>
    {{if .Email}}{{template "emailMessage" .}}{{else}}
    <p class="timeline-when muted">{{if .Who}}{{.Who}} · {{end}}<time datetime="{{.At.UTC.Format "2006-01-02T15:04:05Z"}}">{{date .At}}</time>{{with .Duration}} · {{t "activities.minutes" .}}{{end}}</p>
    {{with .Body}}<div class="notes activity-notes">{{.}}</div>{{end}}{{end}}
    {{with .Others}}<p class="activity-links"><span class="muted">{{t "activities.also_linked"}}</span> {{template "linkChips" .}}</p>{{end}}
    {{if $.CanWrite}}<p class="activity-actions">
      <a href="{{url "activity.edit" "id" .ID}}?return={{$.Return}}">{{t "record.edit"}}</a>
      <a href="{{url "task.new"}}?{{$.Record.Entity}}={{$.Record.ID}}&amp;return={{$.Return}}&amp;title={{t "activities.follow_up_title" .Outcome}}" class="follow-up">{{t "activities.follow_up_link"}}</a>
    </p>{{end}}
  </li>
  {{end}}{{else}}{{with .Change}}
  <li class="timeline-item">
    <p class="timeline-head"><span class="timeline-action">{{.Sentence}}</span>
      <span class="muted"><time datetime="{{.At.UTC.Format "2006-01-02T15:04:05Z"}}">{{date .At}}</time></span></p>
    {{with .Changes}}
    <dl class="changes">
      {{range .}}<dt>{{.Field}}</dt><dd><span class="change-from">{{or .From "—"}}</span> <span aria-hidden="true">→</span><span class="visually-hidden">{{t "record.history.to"}}</span> <span class="change-to">{{or .To "—"}}</span></dd>{{end}}
    </dl>
    {{end}}
  </li>
  {{end}}{{end}}
  {{else}}
  <li class="timeline-item muted">{{t "record.history.empty"}}</li>
  {{end}}
</ol>
{{if or .OlderURL .NewerURL}}<p class="pager">{{with .NewerURL}}<a href="{{.}}">{{t "timeline.newest"}}</a>{{end}}{{with .OlderURL}}<a href="{{.}}" rel="next" id="timeline-older">{{t "timeline.older"}}</a>{{end}}</p>{{end}}
{{end}}`

func TestTimelineItemsWriteWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	at := time.Date(2026, 12, 6, 22, 6, 7, 0, time.UTC)
	call := activityTypeView{ID: "call", Name: "Call", Icon: "phone", Color: "#2b6cb0"}
	odd := activityTypeView{ID: "odd", Name: nasty, Icon: nasty, Color: nasty}
	others := []linkView{{Entity: "company", ID: "co1", Name: "Acme & Co", URL: "/companies/co1"}, {Entity: "deal", ID: "d1", Name: nasty, URL: "javascript:x"}}
	items := []timelineItem{
		{At: at, Activity: &activityItem{ID: "01a25029-91dd-7030-a507-a90ee763b799", At: at, Type: call, Outcome: "Left a message", Body: "Call back\n<b>soon</b>", Who: "Demo sales 1", Duration: 15, Others: others}},
		{At: at, Activity: &activityItem{ID: "a2", At: at, Type: odd, Outcome: nasty, Body: nasty, Who: nasty}},
		{At: at, Activity: &activityItem{ID: "a3", At: at.Add(time.Hour), Type: call}},
		{At: at, Activity: &activityItem{ID: "a4", At: at, Type: activityTypeView{}, Email: &emailView{}}},
		{At: at, Change: &historyItem{At: at, Sentence: template.HTML(`<a href="/users/u1">Ann</a> changed <b>this</b>`),
			Changes: []historyChange{{Field: "Title", From: "", To: nasty}, {Field: nasty, From: "a", To: ""}}}},
		{At: at, Change: &historyItem{At: at, Sentence: "created"}},
		{At: at, Activity: &activityItem{ID: "a5", At: time.Time{}, Type: call, Duration: -3}},
	}
	for _, lang := range []string{"en", "zh-Hans"} {
		for _, loc := range []*time.Location{time.UTC, time.FixedZone("KST", 9*3600)} {
			set := oldTemplate(t, v, lang, loc, oldRecordTimeline)
			bound, err := v.bound("contact", lang, loc)
			if err != nil {
				t.Fatal(err)
			}
			for _, canWrite := range []bool{true, false} {
				for _, page := range [][]timelineItem{items, items[:1], items[4:5], nil} {
					tl := recordTimeline{Record: app.RecordRef{Entity: "contact", ID: "c 1&2"}, Return: "/contacts/c1?timeline=x&y=" + nasty,
						CanWrite: canWrite, Items: append([]timelineItem(nil), page...), OlderURL: "/contacts/c1?timeline=abc#timeline"}
					if err := v.writeTimelineItems(lang, loc, &tl); err != nil {
						t.Fatal(err)
					}
					var got bytes.Buffer
					if err := bound.ExecuteTemplate(&got, "recordTimeline", tl); err != nil {
						t.Fatal(err)
					}
					sameAsTemplate(t, set, "oldRecordTimeline", tl, template.HTML(got.String()))
				}
			}
		}
	}
}
