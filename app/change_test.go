package app_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// eventWorld is a database where a webhook takes every event, a rule
// listens to every event type and a score rule counts the vip tag, so a
// test sees all that one write sets off.
type eventWorld struct {
	ta         *testApp
	admin, sam *app.User
	stages     []app.Stage // Lead, Proposal, then the won and lost stages
	ann        app.Contact // a lead tagged vip, the admin's
	acme       app.Company
	deal       app.Deal // Ann's, in Lead
	form       app.WebForm
	hook       string
	rules      []app.Rule
	names      map[string]string // IDs as the expected events name them
}

func newEventWorld(t *testing.T) *eventWorld {
	t.Helper()
	ctx := t.Context()
	ta := mustOpenApp(t)
	w := &eventWorld{ta: ta, admin: mustSetup(t, ta)}
	w.sam = mustUser(t, ta, "Sam")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ta.SetAllowPrivateWebhooks(ctx, nil, true))
	hook, err := ta.CreateWebhook(ctx, nil, app.WebhookInput{URL: "http://127.0.0.1:9/hook", Events: []string{"*"}})
	must(err)
	w.hook = hook.ID
	for _, ev := range app.Events {
		if ev == "date.arriving" || ev == "contact.inactive" || ev == "task.overdue" {
			continue // the scheduler's, not a write's
		}
		w.rules = append(w.rules, mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: ev},
			Actions: []app.Action{{Type: "notify", UserIDs: []string{w.admin.ID}, Text: ev}}}))
	}
	_, err = ta.CreateScoreRule(ctx, nil, "VIP", "tag:vip", 10)
	must(err)
	p, err := ta.CreatePipeline(ctx, nil, "Sales", []string{"Lead", "Proposal"})
	must(err)
	w.stages = p.Stages
	w.names = map[string]string{w.admin.ID: "ada", w.sam.ID: "sam"}
	for _, s := range p.Stages {
		w.names[s.ID] = s.Name
		if s.Name == "" {
			w.names[s.ID] = s.Kind
		}
	}
	w.ann, err = ta.CreateContact(ctx, w.admin, app.ContactInput{FirstName: "Ann", LifecycleStatus: "lead", Tags: []string{"vip"}, OwnerID: w.admin.ID})
	must(err)
	w.acme, err = ta.CreateCompany(ctx, w.admin, app.CompanyInput{Name: "Acme", OwnerID: w.admin.ID})
	must(err)
	w.deal, err = ta.CreateDeal(ctx, w.admin, app.DealInput{Title: "Big", StageID: p.Stages[0].ID, ContactIDs: []string{w.ann.ID}, OwnerID: w.admin.ID})
	must(err)
	w.form, err = ta.CreateWebForm(ctx, w.admin, app.WebFormInput{Name: "Webinar", Fields: []string{"first_name"}, Tags: "webinar", OwnerIDs: []string{w.sam.ID}})
	must(err)
	w.names[w.form.ID] = "form"
	return w
}

// since is what a write set off after snap: the webhook's new messages,
// as "type field tag from→to" with IDs named, the records they are
// about, and the events of the rule runs.
type since struct{ messages, runs map[string]bool }

func (w *eventWorld) snap(t *testing.T) since {
	t.Helper()
	s := since{map[string]bool{}, map[string]bool{}}
	msgs, runs := w.messages(t), w.runs(t)
	for _, m := range msgs {
		s.messages[m.ID] = true
	}
	for _, r := range runs {
		s.runs[r.ID] = true
	}
	return s
}

func (w *eventWorld) messages(t *testing.T) []store.WebhookMessage {
	t.Helper()
	msgs, err := w.ta.WebhookMessages(t.Context(), nil, w.hook, 1000)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(msgs) // oldest first
	return msgs
}

func (w *eventWorld) runs(t *testing.T) []store.RuleRun {
	t.Helper()
	runs, err := w.ta.RuleRuns(t.Context(), nil, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	return runs
}

func (w *eventWorld) newEvents(t *testing.T, s since) (events, ids []string) {
	t.Helper()
	for _, m := range w.messages(t) {
		if s.messages[m.ID] {
			continue
		}
		var p app.WebhookPayload
		if err := json.Unmarshal([]byte(m.Payload), &p); err != nil {
			t.Fatal(err)
		}
		events, ids = append(events, w.say(p.Data)), append(ids, p.Data.EntityID)
	}
	return events, ids
}

func (w *eventWorld) newRuns(t *testing.T, s since) []string {
	t.Helper()
	var out []string
	for _, r := range w.runs(t) {
		if !s.runs[r.ID] {
			out = append(out, r.Event)
		}
	}
	return out
}

func (w *eventWorld) say(ev app.Event) string {
	name := func(v string) string {
		if n, ok := w.names[v]; ok {
			return n
		}
		return v
	}
	parts := []string{ev.Type}
	if ev.Field != "" {
		parts = append(parts, ev.Field)
	}
	if ev.Tag != "" {
		parts = append(parts, ev.Tag)
	}
	if ev.From != "" || ev.To != "" {
		parts = append(parts, name(ev.From)+"→"+name(ev.To))
	}
	return strings.Join(parts, " ")
}

func (w *eventWorld) assigned(t *testing.T, u *app.User) int {
	t.Helper()
	notes, _, err := w.ta.Notifications(t.Context(), u, 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, note := range notes {
		if note.Kind == "assigned" {
			n++
		}
	}
	return n
}

// TestWritesSetOffTheirEvents does each write that rules, webhooks,
// scoring and notifications hear of, and checks every event it made: the
// webhook's outbox, the rules that ran and who was told of a new record.
// Events come from Change's typed fields, so a renamed field fails to
// compile; a write that stopped making an event fails here.
func TestWritesSetOffTheirEvents(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		write func(ctx context.Context, w *eventWorld) (id string, err error)
		want  []string
		told  int // "assigned" notifications Sam gets
	}{
		{"create a contact with tags and an owner", func(ctx context.Context, w *eventWorld) (string, error) {
			c, err := w.ta.CreateContact(ctx, w.admin, app.ContactInput{FirstName: "Bea", Tags: []string{"vip", "webinar"}, OwnerID: w.sam.ID})
			return c.ID, err
		}, []string{"contact.created", "tag.added vip", "tag.added webinar", "score.changed score 0→10"}, 1},

		{"update a contact's title, status and tags", func(ctx context.Context, w *eventWorld) (string, error) {
			in := app.InputOf(w.ann)
			in.Title, in.LifecycleStatus, in.Tags = "CEO", "customer", []string{"hot"}
			c, err := w.ta.UpdateContact(ctx, w.admin, w.ann.ID, w.ann.Version, in)
			return c.ID, err
		}, []string{"contact.updated", "lifecycle.changed lead→customer", "field.changed lifecycle_status lead→customer",
			"tag.added hot", "tag.removed vip", "field.changed title →CEO", "score.changed score 10→0"}, 0},

		{"give a contact to someone else", func(ctx context.Context, w *eventWorld) (string, error) {
			in := app.InputOf(w.ann)
			in.OwnerID = w.sam.ID
			c, err := w.ta.UpdateContact(ctx, w.admin, w.ann.ID, w.ann.Version, in)
			return c.ID, err
		}, []string{"contact.updated", "field.changed owner_id ada→sam"}, 1},

		{"create a company", func(ctx context.Context, w *eventWorld) (string, error) {
			c, err := w.ta.CreateCompany(ctx, w.admin, app.CompanyInput{Name: "Globex", Tags: []string{"partner"}, OwnerID: w.sam.ID})
			return c.ID, err
		}, []string{"company.created", "tag.added partner"}, 1},

		{"update a company", func(ctx context.Context, w *eventWorld) (string, error) {
			in := app.CompanyInputOf(w.acme)
			in.Industry = "Tools"
			c, err := w.ta.UpdateCompany(ctx, w.admin, w.acme.ID, w.acme.Version, in)
			return c.ID, err
		}, []string{"company.updated", "field.changed industry →Tools"}, 0},

		{"create a deal", func(ctx context.Context, w *eventWorld) (string, error) {
			d, err := w.ta.CreateDeal(ctx, w.admin, app.DealInput{Title: "Small", StageID: w.stages[0].ID, Tags: []string{"q4"}, OwnerID: w.sam.ID})
			return d.ID, err
		}, []string{"deal.created", "tag.added q4"}, 1},

		{"move a deal", func(ctx context.Context, w *eventWorld) (string, error) {
			d, err := w.ta.MoveDeal(ctx, w.admin, w.deal.ID, w.stages[1].ID, store.Place{}, "")
			return d.ID, err
		}, []string{"deal.moved Lead→Proposal", "field.changed stage_id Lead→Proposal"}, 0},

		{"win a deal", func(ctx context.Context, w *eventWorld) (string, error) {
			d, err := w.ta.CloseDeal(ctx, w.admin, w.deal.ID, "won", "")
			return d.ID, err
		}, []string{"deal.won", "deal.moved Lead→won", "field.changed stage_id Lead→won", "field.changed status open→won"}, 0},

		{"lose a deal", func(ctx context.Context, w *eventWorld) (string, error) {
			d, err := w.ta.CloseDeal(ctx, w.admin, w.deal.ID, "lost", "Price")
			return d.ID, err
		}, []string{"deal.lost", "field.changed lost_reason →Price", "deal.moved Lead→lost", "field.changed stage_id Lead→lost",
			"field.changed status open→lost"}, 0},

		{"delete a stage that has deals", func(ctx context.Context, w *eventWorld) (string, error) {
			return w.deal.ID, w.ta.DeleteStage(ctx, w.admin, w.stages[0].ID, w.stages[1].ID)
		}, []string{"deal.moved Lead→Proposal", "field.changed stage_id Lead→Proposal"}, 0},

		{"create a task for someone", func(ctx context.Context, w *eventWorld) (string, error) {
			task, err := w.ta.CreateTask(ctx, w.admin, app.TaskInput{Title: "Call Ann", AssigneeID: w.sam.ID,
				Links: []app.RecordRef{{Entity: "contact", ID: w.ann.ID}}})
			return task.ID, err
		}, []string{"task.created"}, 1},

		{"log an activity", func(ctx context.Context, w *eventWorld) (string, error) {
			act, err := w.ta.LogActivity(ctx, w.admin, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: w.ann.ID}}})
			return act.ID, err
		}, []string{"activity.logged"}, 0},

		{"submit a form as someone new", func(ctx context.Context, w *eventWorld) (string, error) {
			res, err := w.ta.SubmitForm(ctx, w.form.ID, app.Submission{Values: map[string]string{"email": "cy@example.com", "first_name": "Cy"}})
			return res.ContactID, err
		}, []string{"contact.created", "tag.added webinar", "form.submitted →form"}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			is := is.New(t)
			w := newEventWorld(t)
			before, toldBefore := w.snap(t), w.assigned(t, w.sam)

			id, err := tc.write(t.Context(), w)
			is.NoErr(err)

			got, ids := w.newEvents(t, before)
			is.Equal(sorted(got), sorted(tc.want)) // the webhook's events
			for _, gid := range ids {
				is.Equal(gid, id) // every event is about the record written
			}
			var types []string
			for _, ev := range got {
				types = append(types, strings.Fields(ev)[0])
			}
			is.Equal(sorted(w.newRuns(t, before)), sorted(types)) // a rule ran on each event
			is.Equal(w.assigned(t, w.sam)-toldBefore, tc.told)    // who was given the record was told
		})
	}
}

func sorted(list []string) []string {
	out := slices.Clone(list)
	slices.Sort(out)
	return out
}
