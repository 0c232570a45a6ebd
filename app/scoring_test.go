package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestLeadScoring(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	early, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Early", Tags: []string{"webinar"}})
	is.NoErr(err)

	_, err = ta.CreateScoreRule(ctx, nil, "Came to a webinar", "tag:webinar", 20)
	is.NoErr(err)
	_, err = ta.CreateScoreRule(ctx, nil, "Engaged", "activities>=2", 15)
	is.NoErr(err)
	spam, err := ta.CreateScoreRule(ctx, nil, "Free mail", "tag:gmail", -10)
	is.NoErr(err)
	_, err = ta.CreateScoreRule(ctx, nil, "Has a won deal", "deals_won>=1", 30)
	is.NoErr(err)

	score, why, err := ta.ContactScore(ctx, nil, early.ID)
	is.NoErr(err)
	is.Equal(score, 20) // recomputed for existing contacts when rules change
	is.Equal(len(why), 1)
	is.Equal(why[0].Name, "Came to a webinar")

	// threshold as a trigger: score rising to 30 or more qualifies the lead
	mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "score.changed", Value: "30"},
		Actions: []app.Action{{Type: "set_field", Field: "lifecycle_status", Value: "qualified"}}})

	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Lead", Tags: []string{"webinar", "gmail"}})
	is.NoErr(err)
	score, why, _ = ta.ContactScore(ctx, nil, c.ID)
	is.Equal(score, 10) // 20 − 10
	is.Equal(len(why), 2)
	is.Equal(c.LifecycleStatus, "lead")
	for range 2 {
		_, err = ta.LogActivity(ctx, nil, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		is.NoErr(err)
	}
	score, _, _ = ta.ContactScore(ctx, nil, c.ID)
	is.Equal(score, 25) // activities logged count
	d, err := ta.CreateDeal(ctx, nil, app.DealInput{Title: "First", ContactIDs: []string{c.ID}})
	is.NoErr(err)
	_, err = ta.CloseDeal(ctx, nil, d.ID, "won", "")
	is.NoErr(err)
	score, _, _ = ta.ContactScore(ctx, nil, c.ID)
	is.Equal(score, 55)
	c, _ = ta.Contact(ctx, nil, c.ID)
	is.Equal(c.LifecycleStatus, "qualified") // crossed 30

	is.NoErr(ta.DeleteScoreRule(ctx, nil, spam.ID))
	score, _, _ = ta.ContactScore(ctx, nil, c.ID)
	is.Equal(score, 65) // recomputed when a rule goes
	top, err := ta.TopScores(ctx, nil, 30, 10)
	is.NoErr(err)
	is.Equal(len(top), 1)
	is.Equal(top[0].ID, c.ID)
}
