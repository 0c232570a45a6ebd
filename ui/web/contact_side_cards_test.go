package web

import (
	"testing"
	"time"

	"rolo/app"
)

// oldContactSideCards is the photo and keep-in-touch cards of
// pages/contact.html before contact_side_cards.go.
const oldContactSideCards = `{{define "oldSideCards"}}{{$c := .Contact}}{{if and .CanWrite (not $c.Trashed)}}
    <section class="card photo-card" aria-labelledby="photo-heading" id="photo">
      <h2 id="photo-heading">{{t "photo.heading"}}</h2>
      <form method="post" action="{{url "contact.photo_upload" "id" $c.ID}}" enctype="multipart/form-data">
        <label for="photo-file">{{t "photo.upload"}}</label>
        <input type="file" id="photo-file" name="photo" accept="image/jpeg,image/png,image/gif" required aria-describedby="photo-hint">
        <p class="muted" id="photo-hint">{{t "photo.hint"}}</p>
        <button type="submit" id="photo-upload">{{t "photo.upload"}}</button>
      </form>
      {{if .PhotoURL}}<form method="post" action="{{url "contact.photo_remove" "id" $c.ID}}" class="inline">
        <button type="submit" class="danger" id="photo-remove" data-confirm="{{t "photo.remove_confirm"}}">{{t "photo.remove"}}</button>
      </form>{{end}}
    </section>
    {{end}}
    <section class="card keep-in-touch" aria-labelledby="keep-heading" id="keep-in-touch">
      <h2 id="keep-heading">{{t "keep_in_touch.heading"}}</h2>
      {{with .KeepInTouch}}<p>{{t "keep_in_touch.every" .Days}}{{if .Who}} · <span class="muted">{{.Who}}</span>{{end}}<br>
        <span class="{{if .Overdue}}late{{else}}muted{{end}}">{{if .Overdue}}{{t "keep_in_touch.overdue" .Due}}{{else}}{{t "keep_in_touch.next" .Due}}{{end}}</span></p>{{else}}<p class="muted">{{t "keep_in_touch.none"}}</p>{{end}}
      {{if and .CanWrite (not $c.Trashed)}}
      <form method="post" action="{{url "contact.keep_in_touch" "id" $c.ID}}" class="inline keep-form">
        <label for="keep_in_touch_days">{{t "keep_in_touch.label"}}</label>
        <input id="keep_in_touch_days" name="keep_in_touch_days" type="number" min="1" max="3650" value="{{with .KeepInTouch}}{{.Days}}{{end}}" class="short-number" inputmode="numeric">
        <span>{{t "keep_in_touch.days"}}</span>
        <button type="submit" class="small" id="keep-save">{{t "action.save"}}</button>
        {{if .KeepInTouch}}<button type="submit" name="clear" value="1" class="small link" id="keep-clear">{{t "keep_in_touch.clear"}}</button>{{end}}
      </form>
      {{end}}
    </section>{{end}}`

func TestContactSideCardsWriteWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	trashed := app.Contact{ID: "c2"}
	trashed.DeletedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	keeps := []*keepInTouchView{nil, {Days: 30, Due: "Jan 5, 2027", Who: nasty}, {Days: 7, Due: nasty, Overdue: true}}
	for _, lang := range []string{"en", "ja"} {
		set := oldTemplate(t, v, lang, time.UTC, oldContactSideCards)
		for _, c := range []app.Contact{{ID: "01a25028-947c-7aca-862e-4a3edafcf60f"}, trashed} {
			for _, canWrite := range []bool{true, false} {
				for _, photo := range []string{"", "/contacts/c1/photo?v=3"} {
					for _, k := range keeps {
						p := contactPage{Contact: c, CanWrite: canWrite, PhotoURL: photo, KeepInTouch: k}
						got, err := v.contactSideCardsHTML(lang, p)
						if err != nil {
							t.Fatal(err)
						}
						sameAsTemplate(t, set, "oldSideCards", p, got)
					}
				}
			}
		}
	}
}
