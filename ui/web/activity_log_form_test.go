package web

import (
	"testing"
	"time"

	"rolo/app"
)

// oldActivityLogForm is the quick log form of the "activityLogForm"
// template before activity_log_form.go.
const oldActivityLogForm = `{{define "oldLogForm"}}<details class="log-activity" id="log-activity">
  <summary class="button primary">{{t "activities.log"}}</summary>
  <form method="post" action="{{url "activity.create"}}" class="form log-form">
    <input type="hidden" name="return" value="{{.Return}}">
    <input type="hidden" name="links" value="{{.Record.Entity}}:{{.Record.ID}}">
    <fieldset class="type-choice">
      <legend>{{t "activities.field.type"}}</legend>
      {{range $i, $t := .Types}}<label class="type-option"><input type="radio" name="type" value="{{$t.ID}}"{{if eq $t.ID "call"}} checked{{end}}> {{template "typeDot" $t}} {{$t.Name}}</label>{{end}}
    </fieldset>
    <div class="form-cols">
      <div>
        <label for="log-occurred">{{t "activities.field.when"}}</label>
        <input id="log-occurred" name="occurred_at" type="datetime-local" value="{{.Now}}" required>
      </div>
      <div>
        <label for="log-duration">{{t "activities.field.duration"}}</label>
        <input id="log-duration" name="duration_minutes" type="number" min="0" max="10080" inputmode="numeric">
        <p class="help">{{t "activities.duration_help"}}</p>
      </div>
    </div>
    <label for="log-outcome">{{t "activities.field.outcome"}}</label>
    <input id="log-outcome" name="outcome" maxlength="300" placeholder="{{t "activities.outcome_placeholder"}}">
    <label for="log-notes">{{t "activities.field.notes"}}</label>
    <textarea id="log-notes" name="notes" rows="3"></textarea>
    {{with .Also}}<label class="check-label"><input type="checkbox" name="links" value="{{.Value}}" checked> {{t "activities.also_on" .Name}}</label>{{end}}
    <label class="check-label"><input type="checkbox" name="follow_up" value="1" id="log-follow-up"> {{t "activities.follow_up"}}</label>
    <button type="submit" class="primary" id="log-save">{{t "activities.save"}}</button>
  </form>
</details>{{end}}`

func TestActivityLogFormWritesWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	types := []activityTypeView{{ID: "call", Name: "Call", Icon: "phone", Color: "#123456"}, {ID: "x", Name: nasty, Icon: nasty, Color: nasty}}
	timelines := []recordTimeline{
		{Record: app.RecordRef{Entity: "contact", ID: "01a25028-947c-7aca-862e-4a3edafcf60f"}, Return: "/contacts/01a25028-947c-7aca-862e-4a3edafcf60f",
			Types: types, Now: "2026-12-07T12:45", Also: &linkView{Entity: "company", ID: "co1", Name: "Acme & Co"}},
		{Record: app.RecordRef{Entity: nasty, ID: nasty}, Return: nasty, Now: nasty, Also: &linkView{Entity: nasty, ID: nasty, Name: nasty}},
		{Record: app.RecordRef{Entity: "deal", ID: "d1"}, Return: "/deals/d1?timeline=abc"},
	}
	for _, lang := range []string{"en", "ko"} {
		set := oldTemplate(t, v, lang, time.UTC, oldActivityLogForm)
		for _, tl := range timelines {
			got, err := v.activityLogFormHTML(lang, tl)
			if err != nil {
				t.Fatal(err)
			}
			sameAsTemplate(t, set, "oldLogForm", tl, got)
		}
	}
}
