package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"rolo/app"
)

func benchApp(b *testing.B) *app.App {
	b.Helper()
	a, err := app.Open(context.Background(), filepath.Join(b.TempDir(), "rolo.db"), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	return a
}

// twentyRules is a realistic set: most rules look and do nothing; when
// acting, two of them change every new contact (a tag, a round-robin owner).
func twentyRules(b *testing.B, a *app.App, acting bool) {
	ctx := context.Background()
	u1, _ := a.CreateUser(ctx, nil, app.NewUser{Name: "One", Email: "one@example.com", Role: app.RoleSales, Password: "password1"})
	u2, _ := a.CreateUser(ctx, nil, app.NewUser{Name: "Two", Email: "two@example.com", Role: app.RoleSales, Password: "password2"})
	add := func(def app.RuleDefinition) {
		def.Enabled = true
		if _, err := a.CreateRule(ctx, nil, def); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 10 {
		add(app.RuleDefinition{Name: fmt.Sprint("country ", i), Trigger: app.Trigger{Event: "contact.created"}, Conditions: fmt.Sprintf("country:X%d tag:vip", i),
			Actions: []app.Action{{Type: "add_tag", Value: "never"}}})
	}
	for i := range 5 {
		add(app.RuleDefinition{Name: fmt.Sprint("tag ", i), Trigger: app.Trigger{Event: "tag.added", Value: fmt.Sprint("t", i)}, Actions: []app.Action{{Type: "add_tag", Value: "x"}}})
	}
	for i := range 3 {
		add(app.RuleDefinition{Name: fmt.Sprint("field ", i), Trigger: app.Trigger{Event: "field.changed", Field: "lead_source"}, Actions: []app.Action{{Type: "add_tag", Value: "y"}}})
	}
	when := "status:lead"
	if !acting {
		when = "status:customer"
	}
	add(app.RuleDefinition{Name: "tag new", Trigger: app.Trigger{Event: "contact.created"}, Conditions: when, Actions: []app.Action{{Type: "add_tag", Value: "new"}}})
	add(app.RuleDefinition{Name: "round robin", Trigger: app.Trigger{Event: "contact.created"}, Conditions: when + " owner:none",
		Actions: []app.Action{{Type: "set_owner", Mode: "round_robin", UserIDs: []string{u1.ID, u2.ID}}}})
}

// BenchmarkCreateContactRules measures creating a contact with no rules,
// with 20 active rules that all look and none act, and with 20 of which
// two act on every contact (each a full contact update); the budget is
// 2 ms extra.
func BenchmarkCreateContactRules(b *testing.B) {
	for _, tc := range []struct {
		name          string
		rules, acting bool
	}{{"no rules", false, false}, {"20 rules none acting", true, false}, {"20 rules two acting", true, true}} {
		b.Run(tc.name, func(b *testing.B) {
			a := benchApp(b)
			if tc.rules {
				twentyRules(b, a, tc.acting)
			}
			ctx := context.Background()
			var l latencies
			i := 0
			for b.Loop() {
				i++
				l.time(func() {
					if _, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: fmt.Sprint("Lead ", i), Tags: []string{"lead"}}); err != nil {
						b.Fatal(err)
					}
				})
			}
			l.report(b)
		})
	}
}

// BenchmarkWebhookDelivery measures the outbox: messages signed, posted to
// a receiver on loopback and recorded, per second.
func BenchmarkWebhookDelivery(b *testing.B) {
	ctx := context.Background()
	a := benchApp(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	defer srv.Close()
	if err := a.SetAllowPrivateWebhooks(ctx, nil, true); err != nil {
		b.Fatal(err)
	}
	if _, err := a.CreateWebhook(ctx, nil, app.WebhookInput{URL: srv.URL, Events: []string{"contact.created"}}); err != nil {
		b.Fatal(err)
	}
	const batch = 1000
	total, elapsed := 0, time.Duration(0)
	for b.Loop() {
		b.StopTimer()
		for i := range batch {
			if _, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: fmt.Sprint("Hook ", i)}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		n, err := a.DeliverWebhooks(ctx)
		if err != nil || n != batch {
			b.Fatal(n, err)
		}
		elapsed += time.Since(start)
		total += n
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "msgs/s")
}
