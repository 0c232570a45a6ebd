package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func mustRule(t *testing.T, ta *testApp, def app.RuleDefinition) app.Rule {
	t.Helper()
	def.Enabled = true
	if def.Name == "" {
		def.Name = def.Trigger.Event
	}
	r, err := ta.CreateRule(t.Context(), nil, def)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustUser(t *testing.T, ta *testApp, name string) *app.User {
	t.Helper()
	u, err := ta.CreateUser(t.Context(), nil, app.NewUser{Name: name, Email: fmt.Sprintf("%s-%d@example.com", strings.ReplaceAll(name, " ", "."), time.Now().UnixNano()), Role: app.RoleSales, Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func runs(t *testing.T, ta *testApp, ruleID string) []store.RuleRun {
	t.Helper()
	list, err := ta.RuleRuns(t.Context(), nil, ruleID, 100)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func tagsOf(c app.Contact) []string {
	var out []string
	for _, t := range c.Tags {
		out = append(out, t.Name)
	}
	return out
}

func hasTag(c app.Contact, name string) bool {
	for _, t := range c.Tags {
		if t.Name == name {
			return true
		}
	}
	return false
}

func TestContactTriggersAndActions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("tag added sets a field and adds a tag, in the same transaction", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "tag.added", Value: "webinar"},
			Actions: []app.Action{{Type: "set_field", Field: "lifecycle_status", Value: "qualified"}, {Type: "add_tag", Value: "nurture"}}})
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ann", Tags: []string{"webinar"}})
		is.NoErr(err)
		is.Equal(c.LifecycleStatus, "qualified") // the answer already shows the rule's work
		is.True(hasTag(c, "nurture"))
		list := runs(t, ta, r.ID)
		is.Equal(len(list), 1)
		is.Equal(list[0].Status, "ok")

		other, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Bo", Tags: []string{"other"}})
		is.NoErr(err)
		is.Equal(other.LifecycleStatus, "lead") // other tags do not trigger
	})

	t.Run("tag removed, field changed, lifecycle changed and contact updated", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "tag.removed", Value: "customer"}, Actions: []app.Action{{Type: "add_tag", Value: "churn-risk"}}})
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "field.changed", Field: "lead_source", Value: "webinar"},
			Actions: []app.Action{{Type: "add_tag", Value: "from-webinar"}}})
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "lifecycle.changed", Value: "customer"}, Actions: []app.Action{{Type: "add_tag", Value: "onboard"}}})
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.updated"}, Conditions: "title:CEO", Actions: []app.Action{{Type: "add_tag", Value: "exec"}}})
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Cy", Tags: []string{"customer"}})
		is.NoErr(err)
		c, err = ta.PatchContact(ctx, nil, c.ID, c.Version, func(in *app.ContactInput) { in.Tags = nil })
		is.NoErr(err)
		is.Equal(tagsOf(c), []string{"churn-risk"})
		c, err = ta.PatchContact(ctx, nil, c.ID, c.Version, func(in *app.ContactInput) {
			in.LeadSource, in.LifecycleStatus, in.Title = "Webinar", "customer", "CEO"
		})
		is.NoErr(err)
		is.True(hasTag(c, "from-webinar")) // field changed to the value (case-insensitive)
		is.True(hasTag(c, "onboard"))      // lifecycle changed to customer
		is.True(hasTag(c, "exec"))         // contact updated, with a condition
	})

	t.Run("conditions must all hold", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.created"}, Conditions: `tag:vip -tag:spam status:lead country:"South Korea"`,
			Actions: []app.Action{{Type: "add_tag", Value: "hit"}}})
		hit, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "A", Tags: []string{"vip"}, Address: store.Address{Country: "South Korea"}})
		is.NoErr(err)
		is.True(hasTag(hit, "hit"))
		miss, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "B", Tags: []string{"vip", "spam"}, Address: store.Address{Country: "South Korea"}})
		is.NoErr(err)
		is.True(!hasTag(miss, "hit")) // negated tag
		miss, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "C", Tags: []string{"vip"}, Address: store.Address{Country: "Japan"}})
		is.NoErr(err)
		is.True(!hasTag(miss, "hit")) // other country
	})

	t.Run("terms the evaluator does not know go to the segment builder's matcher", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.created"}, Conditions: `name:~ann created:last30d -tag:spam`,
			Actions: []app.Action{{Type: "add_tag", Value: "hit"}}})
		hit, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Joanna"})
		is.NoErr(err)
		is.True(hasTag(hit, "hit")) // "contains" and a date range, in SQL
		miss, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Bob"})
		is.NoErr(err)
		is.True(!hasTag(miss, "hit"))
		_, err = ta.CreateRule(ctx, nil, app.RuleDefinition{Name: "bad", Trigger: app.Trigger{Event: "contact.created"}, Conditions: "colour:red",
			Actions: []app.Action{{Type: "add_tag", Value: "x"}}})
		is.Equal(app.AsError(err).Fields["conditions"], "error.rule_conditions_invalid") // neither understands it
	})

	t.Run("company created", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "company.created"}, Actions: []app.Action{{Type: "add_tag", Value: "new-account"}}})
		co, err := ta.CreateCompany(ctx, nil, app.CompanyInput{Name: "Acme"})
		is.NoErr(err)
		is.Equal(len(co.Tags), 1)
		is.Equal(co.Tags[0].Name, "new-account")
	})

	t.Run("add note, create task for the owner, create deal, notify", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		owner := mustUser(t, ta, "Olga")
		p, err := ta.CreatePipeline(ctx, nil, "Inbound", []string{"New", "Talking"})
		is.NoErr(err)
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.created"}, Actions: []app.Action{
			{Type: "add_note", Text: "Welcome {{name}}"},
			{Type: "create_task", Title: "Call {{name}}", DueDays: 2},
			{Type: "create_deal", StageID: p.Stages[0].ID, Title: "{{name}} deal"},
			{Type: "notify", Text: "New lead {{name}}"},
		}})
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Dee", OwnerID: owner.ID})
		is.NoErr(err)
		acts, err := ta.ListActivities(ctx, nil, store.ActivityQuery{Record: store.RecordRef{Entity: "contact", ID: c.ID}})
		is.NoErr(err)
		is.Equal(len(acts.Activities), 1)
		is.Equal(acts.Activities[0].Body, "Welcome Dee")
		tasks, err := ta.ListTasks(ctx, nil, store.TaskQuery{AssigneeID: owner.ID})
		is.NoErr(err)
		is.Equal(len(tasks.Tasks), 1)
		is.Equal(tasks.Tasks[0].Title, "Call Dee")
		is.Equal(tasks.Tasks[0].DueDate, "2026-11-29") // due in two days
		facts, err := store.FactsOfContact(ctx, ta.DB().Reader(), c.ID)
		is.NoErr(err)
		is.Equal(facts.Deals, 1)
		notes, unread, err := ta.Notifications(ctx, owner, 10)
		is.NoErr(err)
		is.Equal(unread, 4) // given the contact, the task and the deal, and the rule's notice
		kinds := map[string]app.Notification{}
		for _, n := range notes {
			kinds[n.Kind] = n
		}
		is.Equal(kinds["rule"].Text, "New lead Dee")
		is.Equal(kinds["rule"].Link, "/contacts/"+c.ID)
	})
}

func TestDealAndTaskTriggers(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	p, err := ta.CreatePipeline(ctx, nil, "Sales", []string{"Lead", "Proposal"})
	is.NoErr(err)
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "deal.created"}, Actions: []app.Action{{Type: "add_tag", Value: "fresh"}}})
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "deal.moved", Value: p.Stages[1].ID}, Actions: []app.Action{{Type: "add_tag", Value: "proposal-sent"}}})
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "deal.won"}, Actions: []app.Action{{Type: "add_note", Text: "Won {{name}}"}}})
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "deal.lost"}, Actions: []app.Action{{Type: "add_tag", Value: "lost-review"}}})
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "task.created"}, Conditions: "priority:high", Actions: []app.Action{{Type: "notify", UserIDs: nil, Text: "urgent"}}})

	d, err := ta.CreateDeal(ctx, nil, app.DealInput{Title: "Big", StageID: p.Stages[0].ID})
	is.NoErr(err)
	is.Equal(d.Tags[0].Name, "fresh")
	d, err = ta.MoveDeal(ctx, nil, d.ID, p.Stages[1].ID, store.Place{}, "")
	is.NoErr(err)
	is.True(len(d.Tags) == 2) // fresh, proposal-sent
	d, err = ta.CloseDeal(ctx, nil, d.ID, "won", "")
	is.NoErr(err)
	acts, err := ta.ListActivities(ctx, nil, store.ActivityQuery{Record: store.RecordRef{Entity: "deal", ID: d.ID}})
	is.NoErr(err)
	is.Equal(acts.Activities[0].Body, "Won Big")

	lost, err := ta.CreateDeal(ctx, nil, app.DealInput{Title: "Small", StageID: p.Stages[0].ID})
	is.NoErr(err)
	lost, err = ta.CloseDeal(ctx, nil, lost.ID, "lost", "price")
	is.NoErr(err)
	is.True(len(lost.Tags) == 2) // fresh, lost-review

	u := mustUser(t, ta, "Tess")
	_, err = ta.CreateTask(ctx, nil, app.TaskInput{Title: "Fix", Priority: "high", AssigneeID: u.ID})
	is.NoErr(err)
	_, unread, err := ta.Notifications(ctx, u, 10)
	is.NoErr(err)
	is.Equal(unread, 2) // assigned, and the rule for high-priority tasks told the assignee
}

func TestRoundRobinIsFair(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	users := []*app.User{mustUser(t, ta, "A"), mustUser(t, ta, "B"), mustUser(t, ta, "C")}
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.created"}, Actions: []app.Action{{Type: "set_owner", Mode: "round_robin",
		UserIDs: []string{users[0].ID, users[1].ID, users[2].ID}}}})
	count := map[string]int{}
	var order []string
	for i := range 30 {
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: fmt.Sprint("Lead ", i)})
		is.NoErr(err)
		count[c.OwnerID]++
		order = append(order, c.OwnerID)
	}
	for _, u := range users {
		is.Equal(count[u.ID], 10) // each user gets a third
	}
	for i := 1; i < len(order); i++ {
		is.True(order[i] != order[i-1]) // never twice in a row
	}
}

func TestLeadRoutingByRule(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	korea, japan, rest := mustUser(t, ta, "Kim"), mustUser(t, ta, "Sato"), mustUser(t, ta, "Rest")
	webinar := mustUser(t, ta, "Web")
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.created"}, Actions: []app.Action{{Type: "set_owner", Mode: "route",
		Routes:  []app.Route{{Field: "source", Value: "webinar", UserID: webinar.ID}, {Field: "country", Value: "KR", UserID: korea.ID}, {Field: "country", Value: "JP", UserID: japan.ID}},
		UserIDs: []string{rest.ID}}}})
	for _, tc := range []struct{ country, source, want string }{
		{"KR", "", korea.ID}, {"JP", "", japan.ID}, {"DE", "", rest.ID}, {"KR", "Webinar", webinar.ID},
	} {
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "X", LeadSource: tc.source, Address: store.Address{Country: tc.country}})
		is.NoErr(err)
		is.Equal(c.OwnerID, tc.want) // routed by the first matching rule
	}
}

func TestLoopProtection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a rule does not retrigger itself", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.updated"}, Actions: []app.Action{{Type: "set_field", Field: "notes", Value: "touched"}}})
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Loop"})
		is.NoErr(err)
		_, err = ta.PatchContact(ctx, nil, c.ID, c.Version, func(in *app.ContactInput) { in.Title = "x" })
		is.NoErr(err)
		is.Equal(len(runs(t, ta, r.ID)), 1) // its own update did not start it again
	})

	t.Run("chains stop at the depth limit, logged", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		var rules []app.Rule
		for i := range 8 {
			rules = append(rules, mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "tag.added", Value: fmt.Sprint("t", i)},
				Actions: []app.Action{{Type: "add_tag", Value: fmt.Sprint("t", i+1)}}}))
		}
		// and two rules that would ping-pong forever
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "tag.added", Value: "ping"}, Actions: []app.Action{{Type: "remove_tag", Value: "pong"}, {Type: "add_tag", Value: "pong"}}})
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "tag.added", Value: "pong"}, Actions: []app.Action{{Type: "remove_tag", Value: "ping"}, {Type: "add_tag", Value: "ping"}}})
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Chain", Tags: []string{"t0"}})
		is.NoErr(err)
		is.True(hasTag(c, "t5"))
		is.True(!hasTag(c, "t6")) // the sixth rule in the chain was stopped
		skipped := runs(t, ta, rules[5].ID)
		is.Equal(len(skipped), 1)
		is.Equal(skipped[0].Status, "skipped")
		_, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "PingPong", Tags: []string{"ping"}})
		is.NoErr(err) // finishes
	})
}

func TestFailingRuleIsLoggedAndRolledBack(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	p, err := ta.CreatePipeline(ctx, nil, "P", []string{"One"})
	is.NoErr(err)
	r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.created"}, Actions: []app.Action{
		{Type: "add_tag", Value: "half-done"},
		{Type: "move_deal", StageID: p.Stages[0].ID}, // a contact is not a deal: fails
	}})
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Fay"})
	is.NoErr(err)                    // the change that triggered still saves
	is.True(!hasTag(c, "half-done")) // the failing rule's first action was rolled back
	list := runs(t, ta, r.ID)
	is.Equal(list[0].Status, "failed")
	is.Equal(list[0].Error, "error.rule_needs_deal") // and why
}

func TestDelayedAndTimeBasedRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a delayed rule waits in the queue and runs when due, also after a sleep", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.created"}, DelayMinutes: 60, Actions: []app.Action{{Type: "add_tag", Value: "follow-up"}}})
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Gil"})
		is.NoErr(err)
		is.True(!hasTag(c, "follow-up"))
		is.Equal(runs(t, ta, r.ID)[0].Status, "queued")
		is.NoErr(ta.RunDue(ctx))
		c, _ = ta.Contact(ctx, nil, c.ID)
		is.True(!hasTag(c, "follow-up")) // not yet
		ta.clock.Add(9 * time.Hour)      // the laptop slept
		is.NoErr(ta.RunDue(ctx))
		c, _ = ta.Contact(ctx, nil, c.ID)
		is.True(hasTag(c, "follow-up"))
		is.NoErr(ta.RunDue(ctx)) // runs once
		is.Equal(len(runs(t, ta, r.ID)), 2)
	})

	t.Run("task overdue fires once per task", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		u := mustUser(t, ta, "Uma")
		r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "task.overdue"}, Actions: []app.Action{{Type: "notify", Text: "{{name}} is overdue"}}})
		_, err := ta.CreateTask(ctx, nil, app.TaskInput{Title: "Send quote", DueDate: "2026-11-28", AssigneeID: u.ID})
		is.NoErr(err)
		is.NoErr(ta.RunDue(ctx))
		is.Equal(len(runs(t, ta, r.ID)), 0) // not overdue yet
		ta.clock.Add(72 * time.Hour)
		is.NoErr(ta.RunDue(ctx))
		is.NoErr(ta.RunDue(ctx))
		is.Equal(len(runs(t, ta, r.ID)), 1)
		notes, _, err := ta.Notifications(ctx, u, 10)
		is.NoErr(err)
		is.Equal(notes[0].Text, "Send quote is overdue")
	})
}

func TestRuleValidationAndPermissions(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	_, err := ta.CreateRule(ctx, nil, app.RuleDefinition{Name: "", Trigger: app.Trigger{Event: "nope"}, Conditions: "score>=abc", Actions: []app.Action{{Type: "explode"}}})
	e := app.AsError(err)
	is.Equal(e.Code, app.EInvalid)
	is.True(e.Fields["name"] != "" && e.Fields["trigger.event"] != "" && e.Fields["conditions"] != "" && e.Fields["actions.0.type"] != "")
	sales := mustUser(t, ta, "Sal")
	_, err = ta.CreateRule(ctx, sales, app.RuleDefinition{Name: "x", Trigger: app.Trigger{Event: "contact.created"}, Actions: []app.Action{{Type: "add_tag", Value: "x"}}})
	is.Equal(app.ErrorCode(err), app.EForbidden) // sales do not shape automation
}

func TestMentionsAndAssignmentNotify(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	mia, max := mustUser(t, ta, "Mia Park"), mustUser(t, ta, "Maxine")
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Pat", OwnerID: max.ID})
	is.NoErr(err)
	_, unread, _ := ta.Notifications(ctx, max, 10)
	is.Equal(unread, 1) // given a contact
	_, err = ta.LogActivity(ctx, max, app.ActivityInput{TypeID: "note", Body: "Asked @mia to call back; @maximum is nobody", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	notes, unread, err := ta.Notifications(ctx, mia, 10)
	is.NoErr(err)
	is.Equal(unread, 1) // mentioned by first name
	is.Equal(notes[0].Kind, "mention")
	is.Equal(notes[0].Link, "/contacts/"+c.ID)
	_, unread, _ = ta.Notifications(ctx, max, 10)
	is.Equal(unread, 1) // "@maximum" is not Maxine, and you are not told of your own note
	is.NoErr(ta.MarkNotificationsRead(ctx, mia, ""))
	_, unread, _ = ta.Notifications(ctx, mia, 10)
	is.Equal(unread, 0)

	is.NoErr(ta.SetNotificationMutes(ctx, mia, []string{"mention"}))
	_, err = ta.LogActivity(ctx, max, app.ActivityInput{TypeID: "note", Body: "@mia again", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	_, unread, _ = ta.Notifications(ctx, mia, 10)
	is.Equal(unread, 0) // she turned mentions off
}

func TestNoActivityForDays(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	r := mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "contact.inactive", Value: "14"}, Actions: []app.Action{{Type: "add_tag", Value: "gone-quiet"}}})
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Quinn"})
	is.NoErr(err)
	ta.clock.Add(10 * 24 * time.Hour)
	_, err = ta.LogActivity(ctx, nil, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	ta.clock.Add(10 * 24 * time.Hour)
	is.NoErr(ta.RunDue(ctx))
	c, _ = ta.Contact(ctx, nil, c.ID)
	is.True(!hasTag(c, "gone-quiet")) // the call was 10 days ago
	ta.clock.Add(5 * 24 * time.Hour)
	is.NoErr(ta.RunDue(ctx))
	is.NoErr(ta.RunDue(ctx))
	c, _ = ta.Contact(ctx, nil, c.ID)
	is.True(hasTag(c, "gone-quiet"))    // 15 quiet days
	is.Equal(len(runs(t, ta, r.ID)), 1) // once per silence
}
