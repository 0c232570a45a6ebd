package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// The changes the API makes that the settings pages had no form for:
// a goal's name, target and deadline; every member of a webhook; every
// setting of a web form.
func TestSettingsUpdates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	sam, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	ptr := func(s string) *string { return &s }

	t.Run("a goal moves its target and deadline; a new deadline measures the baseline again", func(t *testing.T) {
		is := is.New(t)
		ta.at(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
		for _, n := range []string{"A", "B"} {
			_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: n})
			is.NoErr(err)
		}
		ta.at(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
		g, err := ta.CreateGoal(ctx, admin, app.GoalInput{Name: "Leads", Metric: app.MetricNewContacts, Target: "4", Deadline: "2026-12-02"})
		is.NoErr(err)
		is.Equal(g.Baseline, int64(0)) // the two days before hold none
		got, err := ta.UpdateGoal(ctx, admin, g.ID, g.Version, app.GoalChange{Name: ptr("More leads"), Target: ptr("6"), Deadline: ptr("2026-12-14")})
		is.NoErr(err)
		is.Equal(got.Name, "More leads")
		is.Equal(got.Target, int64(6))
		is.Equal(got.Baseline, int64(2)) // the two weeks before the goal was set
		p, err := ta.GoalDetail(ctx, admin, g.ID)
		is.NoErr(err)
		is.Equal(p.Goal.Target, int64(6))
		is.Equal(p.Goal.Metric, app.MetricNewContacts) // what it measures stays

		_, err = ta.UpdateGoal(ctx, admin, g.ID, g.Version, app.GoalChange{Name: ptr("Stale")})
		is.Equal(app.ErrorCode(err), app.EConflict) // the version read before the change above
		_, err = ta.UpdateGoal(ctx, admin, g.ID, got.Version, app.GoalChange{Target: ptr("many"), Deadline: ptr("2020-01-01")})
		is.Equal(fieldProblem(err, "target"), "goal.error.target")
		is.Equal(fieldProblem(err, "deadline"), "goal.error.deadline")
		_, err = ta.UpdateGoal(ctx, sam, g.ID, got.Version, app.GoalChange{Name: ptr("Mine now")})
		is.Equal(app.ErrorCode(err), app.EForbidden) // a team goal is for managers
		own, err := ta.CreateGoal(ctx, sam, app.GoalInput{Name: "Calls", Metric: app.MetricActivities, UserID: sam.ID, Target: "10", Deadline: "2026-12-31"})
		is.NoErr(err)
		_, err = ta.UpdateGoal(ctx, sam, own.ID, own.Version, app.GoalChange{Target: ptr("12")})
		is.NoErr(err) // their own
		is.NoErr(ta.DeleteGoal(ctx, sam, own.ID))
		_, err = ta.UpdateGoal(ctx, sam, own.ID, own.Version+1, app.GoalChange{Target: ptr("12")})
		is.Equal(app.ErrorCode(err), app.ENotFound)
	})

	t.Run("a webhook changes URL, description, events and switch; its secret stays", func(t *testing.T) {
		is := is.New(t)
		hook, err := ta.CreateWebhook(ctx, admin, app.WebhookInput{URL: "https://example.com/a", Events: []string{"contact.created"}})
		is.NoErr(err)
		off := false
		events := []string{"deal.won", "contact.updated"}
		got, err := ta.UpdateWebhook(ctx, admin, hook.ID, app.WebhookChange{URL: ptr("https://example.com/b"), Description: ptr("CRM sync"), Events: &events, Enabled: &off})
		is.NoErr(err)
		is.Equal(got.URL, "https://example.com/b")
		is.Equal(got.Description, "CRM sync")
		is.Equal(got.EventList, []string{"deal.won", "contact.updated"})
		is.True(!got.Enabled)
		is.Equal(got.Secret, hook.Secret)
		is.True(got.Version > hook.Version)
		old := hook.Version
		_, err = ta.UpdateWebhook(ctx, admin, hook.ID, app.WebhookChange{Description: ptr("lost"), Version: &old})
		is.Equal(app.ErrorCode(err), app.EConflict)
		on := true
		_, err = ta.UpdateWebhook(ctx, admin, hook.ID, app.WebhookChange{Enabled: &on, Version: &old})
		is.NoErr(err) // switching is idempotent: no version checked
		bad := []string{"nope"}
		_, err = ta.UpdateWebhook(ctx, admin, hook.ID, app.WebhookChange{URL: ptr("ftp://x"), Events: &bad})
		is.Equal(fieldProblem(err, "url"), "error.webhook_url_invalid")
		is.Equal(fieldProblem(err, "events"), "error.rule_event_invalid")
		_, err = ta.UpdateWebhook(ctx, sam, hook.ID, app.WebhookChange{Description: ptr("x")})
		is.Equal(app.ErrorCode(err), app.EForbidden) // sales may not use webhooks
	})

	t.Run("a web form changes every setting and keeps its address", func(t *testing.T) {
		is := is.New(t)
		f, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Webinar", Fields: []string{"first_name"}})
		is.NoErr(err)
		in := app.WebFormInputOf(f)
		in.Name, in.Fields, in.Tags, in.OwnerIDs, in.Origins, in.FillEmpty = "Webinar 2027", []string{"first_name", "phone"}, "webinar, 2027", []string{sam.ID}, "https://example.com/", true
		got, err := ta.UpdateWebForm(ctx, admin, f.ID, in)
		is.NoErr(err)
		is.Equal(got.ID, f.ID)
		is.Equal(got.Name, "Webinar 2027")
		is.Equal(got.FieldList, []string{"first_name", "email", "phone"}) // email always, in the form's order
		is.Equal(got.TagList, []string{"webinar", "2027"})
		is.Equal(got.OwnerList, []string{sam.ID})
		is.Equal(got.OriginList, []string{"https://example.com"})
		is.True(got.FillEmpty)
		in.Origins, in.StageID = "ftp://example.com", "no-such-stage"
		_, err = ta.UpdateWebForm(ctx, admin, f.ID, in)
		is.Equal(fieldProblem(err, "origins"), "error.form_origin_invalid")
		is.Equal(fieldProblem(err, "stage_id"), "error.stage_not_found")
		_, err = ta.UpdateWebForm(ctx, sam, f.ID, app.WebFormInputOf(got))
		is.Equal(app.ErrorCode(err), app.EForbidden)
		_, err = ta.UpdateWebForm(ctx, admin, "no-such-form", app.WebFormInputOf(got))
		is.Equal(app.ErrorCode(err), app.ENotFound)
	})
}

// A settings patch carries the version read; one made since answers
// EConflict and changes nothing. The pages pass no version.
func TestSettingsPatchVersions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ptr := func(s string) *string { return &s }
	is := is.New(t)

	f, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Label: "Plan", Type: "select", Options: []app.FieldOption{{Label: "Free"}}})
	is.NoErr(err)
	g, err := ta.PatchCustomField(ctx, admin, f.ID, f.Version, func(in *app.FieldInput) { in.Label = "Plan tier" })
	is.NoErr(err)
	is.Equal(g.Label, "Plan tier")
	is.Equal(g.Options, f.Options) // what the edit left alone stays
	is.Equal(g.Version, f.Version+1)
	_, err = ta.PatchCustomField(ctx, admin, f.ID, f.Version, func(in *app.FieldInput) { in.Help = "lost" })
	is.Equal(app.ErrorCode(err), app.EConflict)
	_, err = ta.UpdateCustomField(ctx, admin, f.ID, app.FieldInputOf(g)) // the page: no version
	is.NoErr(err)

	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ada", Tags: []string{"vip"}})
	is.NoErr(err)
	tag, err := ta.TagByName(ctx, c.Tags[0].Name)
	is.NoErr(err)
	tag2, err := ta.PatchTag(ctx, admin, tag.ID, tag.Version, ptr("Key account"), nil)
	is.NoErr(err)
	is.Equal(tag2.Color, tag.Color)
	_, err = ta.PatchTag(ctx, admin, tag.ID, tag.Version, nil, ptr("#000000"))
	is.Equal(app.ErrorCode(err), app.EConflict)

	typ, err := ta.CreateActivityType(ctx, admin, app.ActivityTypeInput{Name: "Site visit"})
	is.NoErr(err)
	typ2, err := ta.PatchActivityType(ctx, admin, typ.ID, typ.Version, func(in *app.ActivityTypeInput) { in.Archived = true })
	is.NoErr(err)
	is.True(typ2.Archived())
	is.Equal(typ2.Name, "Site visit")
	_, err = ta.PatchActivityType(ctx, admin, typ.ID, typ.Version, func(in *app.ActivityTypeInput) { in.Icon = "x" })
	is.Equal(app.ErrorCode(err), app.EConflict)

	seg, err := ta.CreateSegment(ctx, admin, app.SegmentInput{Entity: "contact", Name: "VIP", Query: "tag:vip"})
	is.NoErr(err)
	v := seg.Version
	seg2, err := ta.PatchSegment(ctx, admin, seg.ID, &v, app.SegmentInput{Entity: "contact", Name: "Key", Query: "tag:vip"})
	is.NoErr(err)
	is.Equal(seg2.Version, v+1)
	_, err = ta.PatchSegment(ctx, admin, seg.ID, &v, app.SegmentInput{Entity: "contact", Name: "Lost", Query: "tag:vip"})
	is.Equal(app.ErrorCode(err), app.EConflict)
	got, err := ta.Segment(ctx, admin, seg.ID)
	is.NoErr(err)
	is.Equal(got.Name, "Key")

	form, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Webinar", Fields: []string{"first_name"}})
	is.NoErr(err)
	form2, err := ta.PatchWebForm(ctx, admin, form.ID, form.Version, func(in *app.WebFormInput) { in.ThankYou = "See you" })
	is.NoErr(err)
	is.Equal(form2.ThankYou, "See you")
	is.Equal(form2.FieldList, form.FieldList) // what the edit left alone stays
	_, err = ta.PatchWebForm(ctx, admin, form.ID, form.Version, func(in *app.WebFormInput) { in.Name = "Lost" })
	is.Equal(app.ErrorCode(err), app.EConflict)
}
