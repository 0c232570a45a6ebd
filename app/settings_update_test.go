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
		got, err := ta.UpdateGoal(ctx, admin, g.ID, app.GoalChange{Name: ptr("More leads"), Target: ptr("6"), Deadline: ptr("2026-12-14")})
		is.NoErr(err)
		is.Equal(got.Name, "More leads")
		is.Equal(got.Target, int64(6))
		is.Equal(got.Baseline, int64(2)) // the two weeks before the goal was set
		p, err := ta.GoalDetail(ctx, admin, g.ID)
		is.NoErr(err)
		is.Equal(p.Goal.Target, int64(6))
		is.Equal(p.Goal.Metric, app.MetricNewContacts) // what it measures stays

		_, err = ta.UpdateGoal(ctx, admin, g.ID, app.GoalChange{Target: ptr("many"), Deadline: ptr("2020-01-01")})
		is.Equal(fieldProblem(err, "target"), "goal.error.target")
		is.Equal(fieldProblem(err, "deadline"), "goal.error.deadline")
		_, err = ta.UpdateGoal(ctx, sam, g.ID, app.GoalChange{Name: ptr("Mine now")})
		is.Equal(app.ErrorCode(err), app.EForbidden) // a team goal is for managers
		own, err := ta.CreateGoal(ctx, sam, app.GoalInput{Name: "Calls", Metric: app.MetricActivities, UserID: sam.ID, Target: "10", Deadline: "2026-12-31"})
		is.NoErr(err)
		_, err = ta.UpdateGoal(ctx, sam, own.ID, app.GoalChange{Target: ptr("12")})
		is.NoErr(err) // their own
		is.NoErr(ta.DeleteGoal(ctx, sam, own.ID))
		_, err = ta.UpdateGoal(ctx, sam, own.ID, app.GoalChange{Target: ptr("12")})
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
