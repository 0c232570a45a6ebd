package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

func TestDateArrivingTrigger(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a custom date fires N days before, once, also after a restart", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t) // the clock reads 2026-11-27 09:00 UTC
		_, err := ta.CreateCustomField(ctx, nil, "contact", app.FieldInput{Key: "renewal", Label: "Renewal", Type: "date"})
		is.NoErr(err)
		r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "date.arriving", Field: "renewal", Value: "30"},
			Conditions: "status:customer", Actions: []app.Action{{Type: "add_tag", Value: "renewal-soon"}}})
		soon := ta.clock.Now().AddDate(0, 0, 31).In(time.Local).Format("2006-01-02")
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Rena", LifecycleStatus: "customer", CustomFields: app.CustomValues{"renewal": soon}})
		is.NoErr(err)
		lead, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Lee", LifecycleStatus: "lead", CustomFields: app.CustomValues{"renewal": soon}})
		is.NoErr(err)
		is.NoErr(ta.RunDue(ctx))
		c, _ = ta.Contact(ctx, nil, c.ID)
		is.True(!hasTag(c, "renewal-soon")) // 31 days ahead: not yet
		ta.clock.Add(24 * time.Hour)
		is.NoErr(ta.RunDue(ctx))
		is.NoErr(ta.RunDue(ctx))
		c, _ = ta.Contact(ctx, nil, c.ID)
		is.True(hasTag(c, "renewal-soon")) // 30 days ahead
		lead, _ = ta.Contact(ctx, nil, lead.ID)
		is.True(!hasTag(lead, "renewal-soon")) // the condition holds only for customers
		is.Equal(len(runs(t, ta, r.ID)), 1)

		// a restart (a new App on the same file) does not fire it again
		is.NoErr(ta.Close())
		again, err := app.Open(ctx, ta.dbPath, app.Config{Now: ta.clock.Now})
		is.NoErr(err)
		defer again.Close()
		is.NoErr(again.RunDue(ctx))
		list, err := again.RuleRuns(ctx, nil, r.ID, 10)
		is.NoErr(err)
		is.Equal(len(list), 1) // once per record and date
	})

	t.Run("a birthday fires on the day every year, and a missed day is caught up", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "date.arriving", Field: "birthday", Value: "0"},
			Actions: []app.Action{{Type: "add_note", Text: "Happy birthday, {{name}}"}}})
		day := ta.clock.Now().AddDate(0, 0, 2).In(time.Local).Format("01-02")
		_, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Bea", Birthday: "1990-" + day})
		is.NoErr(err)
		is.NoErr(ta.RunDue(ctx))
		is.Equal(len(runs(t, ta, r.ID)), 0)
		ta.clock.Add(3 * 24 * time.Hour) // slept through the day itself
		is.NoErr(ta.RunDue(ctx))
		is.Equal(len(runs(t, ta, r.ID)), 1)
		ta.clock.Add(365 * 24 * time.Hour)
		is.NoErr(ta.RunDue(ctx))
		is.NoErr(ta.RunDue(ctx))
		is.Equal(len(runs(t, ta, r.ID)), 2) // next year's birthday
		is.Equal(runs(t, ta, r.ID)[0].Status, "ok")
	})

	t.Run("a rule never fires for dates before it existed", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		yesterday := ta.clock.Now().AddDate(0, 0, -1).In(time.Local).Format("01-02")
		_, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Old", Birthday: "--" + yesterday})
		is.NoErr(err)
		r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "date.arriving", Field: "birthday"},
			Actions: []app.Action{{Type: "add_tag", Value: "late"}}})
		is.NoErr(ta.RunDue(ctx))
		is.Equal(len(runs(t, ta, r.ID)), 0)
	})

	t.Run("the field and the days are checked", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		_, err := ta.CreateRule(ctx, nil, app.RuleDefinition{Name: "x", Trigger: app.Trigger{Event: "date.arriving", Field: "nope", Value: "soon"},
			Actions: []app.Action{{Type: "add_tag", Value: "x"}}})
		e := app.AsError(err)
		is.Equal(e.Code, app.EInvalid)
		is.Equal(e.Fields["trigger.field"], "error.rule_date_field_invalid")
		is.Equal(e.Fields["trigger.value"], "error.rule_days_invalid")
		_, err = ta.CreateRule(ctx, nil, app.RuleDefinition{Name: "y", Trigger: app.Trigger{Event: "contact.inactive", Value: "-3"},
			Actions: []app.Action{{Type: "add_tag", Value: "x"}}})
		is.Equal(fieldProblem(err, "trigger.value"), "error.rule_days_invalid")
	})
}

func TestTimedEventsReachWebhooks(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	is.NoErr(ta.SetAllowPrivateWebhooks(ctx, nil, true))
	rc := newReceiver(t)
	w, err := ta.CreateWebhook(ctx, nil, app.WebhookInput{URL: rc.URL + "/hook", Events: []string{"task.overdue", "contact.inactive", "date.arriving"}})
	is.NoErr(err)
	rc.secret = w.Secret
	_, err = ta.CreateTask(ctx, nil, app.TaskInput{Title: "Call back", DueDate: ta.clock.Now().AddDate(0, 0, 1).Format("2006-01-02")})
	is.NoErr(err)
	day := ta.clock.Now().AddDate(0, 0, 1).In(time.Local).Format("01-02")
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Wes", Birthday: "--" + day})
	is.NoErr(err)
	is.NoErr(ta.RunDue(ctx))
	is.Equal(rc.count(), 0) // nothing due yet
	ta.clock.Add(3 * 24 * time.Hour)
	is.NoErr(ta.RunDue(ctx))
	is.Equal(rc.count(), 2) // the task is overdue, the birthday came
	ta.clock.Add(28 * 24 * time.Hour)
	is.NoErr(ta.RunDue(ctx))
	is.NoErr(ta.RunDue(ctx))
	byType := map[string]app.WebhookPayload{}
	rc.mu.Lock()
	for _, p := range rc.got {
		byType[p.Type] = p
	}
	got := len(rc.got)
	rc.mu.Unlock()
	is.Equal(got, 3) // one of each, once
	is.Equal(byType["date.arriving"].Data.EntityID, c.ID)
	is.Equal(byType["date.arriving"].Data.Field, "birthday")
	is.Equal(byType["contact.inactive"].Data.EntityID, c.ID)
	is.Equal(byType["task.overdue"].Data.Entity, "task")
}
