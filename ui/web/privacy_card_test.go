package web

import (
	"testing"
	"time"

	"rolo/app"
)

// The privacy card and the log form's type options as templates, before
// privacy_card.go and typeOptionsHTML.
const oldPrivacyCard = `{{define "oldPrivacyCard"}}{{with .}}
<section class="card privacy" aria-labelledby="privacy-heading" id="privacy">
  <h2 id="privacy-heading">{{t "privacy.heading"}}</h2>
  <dl class="record-facts">
    <dt>{{t "privacy.consent_status"}}</dt><dd id="consent-status">{{t (printf "privacy.status.%s" .Consent.Status)}}{{if not .Consent.GivenAt.IsZero}} · {{date .Consent.GivenAt}}{{end}}</dd>
    {{with .Consent.Source}}<dt>{{t "privacy.consent_source"}}</dt><dd id="consent-source">{{if $.Consent.FormID}}{{t "privacy.via_form" .}}{{else}}{{.}}{{end}}</dd>{{end}}
    {{with .Consent.Wording}}<dt>{{t "privacy.consent_text"}}</dt><dd class="notes">{{.}}</dd>{{end}}
    {{if .Consent.DoNotContact}}<dt>{{t "privacy.do_not_contact"}}</dt><dd><span class="badge" id="do-not-contact">{{t "privacy.do_not_contact_badge"}}</span></dd>{{end}}
    {{if not .Consent.UnsubscribedAt.IsZero}}<dt>{{t "privacy.unsubscribed"}}</dt><dd>{{date .Consent.UnsubscribedAt}}</dd>{{end}}
  </dl>
  {{if .CanEdit}}
  <details>
    <summary>{{t "privacy.consent_edit"}}</summary>
    <form method="post" action="{{url "contact.consent" "id" .ContactID}}" class="form">
      <label for="consent_status">{{t "privacy.consent_status"}}</label>
      <select id="consent_status" name="consent_status">{{$cur := .Consent.Status}}{{range .Statuses}}<option value="{{.}}"{{if eq . $cur}} selected{{end}}>{{t (printf "privacy.status.%s" .)}}</option>{{end}}</select>
      <label for="consent_date">{{t "privacy.consent_date"}}</label>
      <input id="consent_date" name="consent_date" type="date" value="{{if not .Consent.GivenAt.IsZero}}{{.Consent.GivenAt.Format "2006-01-02"}}{{end}}">
      <label for="consent_source">{{t "privacy.consent_source"}}</label>
      <input id="consent_source" name="consent_source" value="{{.Consent.Source}}" maxlength="200">
      <p class="help">{{t "privacy.consent_source_help"}}</p>
      <label for="consent_text">{{t "privacy.consent_text"}}</label>
      <textarea id="consent_text" name="consent_text" rows="3" maxlength="5000">{{.Consent.Wording}}</textarea>
      <label class="check-label"><input type="checkbox" name="do_not_contact" value="1"{{if .Consent.DoNotContact}} checked{{end}}> {{t "privacy.do_not_contact"}}</label>
      <label class="check-label"><input type="checkbox" name="unsubscribed" value="1"{{if not .Consent.UnsubscribedAt.IsZero}} checked{{end}}> {{t "privacy.unsubscribed"}}</label>
      <button type="submit" class="small" id="consent-save">{{t "action.save"}}</button>
    </form>
  </details>
  {{end}}
  <p class="record-actions">
    <a class="button small" href="{{url "contact.export" "id" .ContactID}}" id="export-person">{{t "privacy.export"}}</a>
    {{if .CanErase}}<a class="button small danger" href="{{url "contact.erase_confirm" "id" .ContactID}}" id="erase-person">{{t "privacy.erase"}}</a>{{end}}
  </p>
</section>
{{end}}{{end}}
{{define "oldTypeOptions"}}{{range $i, $t := .Types}}<label class="type-option"><input type="radio" name="type" value="{{$t.ID}}"{{if eq $t.ID "call"}} checked{{end}}> {{template "typeDot" $t}} {{$t.Name}}</label>{{end}}{{end}}`

func TestPrivacyCardWritesWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	given := time.Date(2026, 3, 4, 23, 30, 0, 0, time.UTC)
	cards := []*privacyView{
		nil,
		{ContactID: "c1", Consent: app.Consent{Status: "unknown"}, Statuses: app.ConsentStatuses},
		{ContactID: "c1", Consent: app.Consent{Status: "granted", GivenAt: given, Source: nasty, FormID: "f1", Wording: nasty, DoNotContact: true,
			UnsubscribedAt: given.Add(time.Hour)}, Statuses: app.ConsentStatuses, CanEdit: true, CanErase: true},
		{ContactID: "01a25028-947c-7aca-862e-4a3edafcf60f", Consent: app.Consent{Status: "withdrawn", Source: "phone call", Wording: "ok"},
			Statuses: app.ConsentStatuses, CanEdit: true},
		{ContactID: "c2", Consent: app.Consent{Status: nasty}, Statuses: []string{nasty, "granted"}, CanEdit: true, CanErase: true},
	}
	types := []activityTypeView{{ID: "call", Name: "Call", Icon: "phone", Color: "#123456"}, {ID: "x", Name: nasty, Icon: nasty, Color: nasty}, {ID: "meeting", Name: "Meeting"}}
	for _, lang := range []string{"en", "ja"} {
		for _, loc := range []*time.Location{time.UTC, time.FixedZone("KST", 9*3600)} {
			set := oldTemplate(t, v, lang, loc, oldPrivacyCard)
			for _, card := range cards {
				got, err := v.privacyCardHTML(lang, loc, card)
				if err != nil {
					t.Fatal(err)
				}
				sameAsTemplate(t, set, "oldPrivacyCard", card, got)
			}
			sameAsTemplate(t, set, "oldTypeOptions", recordTimeline{Types: types}, typeOptionsHTML(types))
		}
	}
}
