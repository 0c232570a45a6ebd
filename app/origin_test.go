package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// TestOriginsReachTheAuditLog: a rule that runs later, from the
// scheduler's queue, is still the rule's; a change made under the
// scheduler's or command line's origin says so; a user's change has none.
func TestOriginsReachTheAuditLog(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	ada := mustSetup(t, ta)
	r := mustRule(t, ta, app.RuleDefinition{Name: "Follow up", Trigger: app.Trigger{Event: "contact.created"}, DelayMinutes: 60,
		Actions: []app.Action{{Type: "add_tag", Value: "follow-up"}}})
	c, err := ta.CreateContact(ctx, ada, app.ContactInput{FirstName: "Gil"})
	is.NoErr(err)
	ta.clock.Add(2 * time.Hour)
	is.NoErr(ta.RunDue(ctx)) // as serve's scheduler does
	cli, err := ta.CreateContact(app.WithOrigin(ctx, app.Origin{Kind: app.OriginCLI}), nil, app.ContactInput{FirstName: "Cli"})
	is.NoErr(err)

	history, err := ta.History(ctx, ada, "contact", c.ID, 10)
	is.NoErr(err)
	is.Equal(len(history), 2)
	is.Equal(history[0].Action, "contact.updated")
	is.Equal(*history[0].By, app.Origin{Kind: app.OriginRule, ID: r.ID, Name: "Follow up"}) // the rule, though the scheduler ran it
	is.Equal(history[0].ActorID, "")
	is.Equal(history[1].ActorID, ada.ID)
	is.True(history[1].By == nil) // a user's own change needs no origin
	history, err = ta.History(ctx, ada, "contact", cli.ID, 10)
	is.NoErr(err)
	is.Equal(*history[0].By, app.Origin{Kind: app.OriginCLI})
}
