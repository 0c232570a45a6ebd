package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// salesPipeline returns the built-in sales pipeline and its stages by catalog
// key suffix (first_outreach, …, won, lost).
func salesPipeline(t *testing.T, ta *testApp) (app.Pipeline, map[string]app.Stage) {
	t.Helper()
	list, err := ta.Pipelines(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var p app.Pipeline
	for _, l := range list {
		if l.NameKey == "pipeline.default.name" {
			p = l
		}
	}
	stages := map[string]app.Stage{}
	for _, s := range p.Stages {
		stages[strings.TrimPrefix(s.NameKey, "pipeline.default.")] = s
	}
	return p, stages
}

func mustDeal(t *testing.T, ta *testApp, actor app.Actor, in app.DealInput) app.Deal {
	t.Helper()
	d, err := ta.CreateDeal(context.Background(), actor, in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDefaultPipeline(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	p, stages := salesPipeline(t, ta)
	is.Equal(p.NameKey, "pipeline.default.name") // translated for every reader until renamed
	is.Equal(len(p.Stages), 7)
	order := []string{"first_outreach", "qualifying_call", "demo", "proposal", "contract_review", "won", "lost"}
	for i, key := range order {
		is.Equal(p.Stages[i].NameKey, "pipeline.default."+key) // stages in sales order
	}
	is.Equal(stages["won"].Kind, "won")
	is.Equal(stages["lost"].Kind, "lost")
	is.Equal(stages["won"].Probability, 100)
	is.True(stages["demo"].Probability > stages["first_outreach"].Probability)
}

func TestDealStageMoves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, stages := salesPipeline(t, ta)

	d := mustDeal(t, ta, admin, app.DealInput{Title: "Engines for the Navy", Amount: "12,500.50", Currency: "usd"})
	t.Run("a new deal starts open in the first stage", func(t *testing.T) {
		is := is.New(t)
		is.Equal(d.StageID, stages["first_outreach"].ID)
		is.Equal(d.Status, "open")
		is.Equal(d.Value, int64(1250050)) // minor units
		is.Equal(d.Currency, "USD")
		is.True(store.ValidRank(d.Position))
		h, err := ta.DealStageHistory(ctx, admin, d.ID)
		is.NoErr(err)
		is.Equal(len(h.Stays), 1) // creation is the first history row
		is.Equal(h.Stays[0].StageID, stages["first_outreach"].ID)
	})

	t.Run("moving records every stage change", func(t *testing.T) {
		is := is.New(t)
		ta.clock.Add(48 * time.Hour)
		moved, err := ta.MoveDeal(ctx, admin, d.ID, stages["demo"].ID, store.Place{}, "")
		is.NoErr(err)
		is.Equal(moved.StageID, stages["demo"].ID)
		is.Equal(moved.StageEnteredAt, ta.clock.Now().Truncate(time.Millisecond))
		ta.clock.Add(24 * time.Hour)
		_, err = ta.MoveDeal(ctx, admin, d.ID, stages["proposal"].ID, store.Place{}, "")
		is.NoErr(err)
		changes, err := ta.StageChanges(ctx, admin, d.ID)
		is.NoErr(err)
		is.Equal(len(changes), 3)
		is.Equal(changes[1].FromStageID, stages["first_outreach"].ID)
		is.Equal(changes[1].ToStageID, stages["demo"].ID)
		is.Equal(changes[2].FromStageID, stages["demo"].ID)
		is.Equal(changes[2].By, admin.ID) // who moved it
		h, err := ta.DealStageHistory(ctx, admin, d.ID)
		is.NoErr(err)
		is.Equal(h.Stays[0].Duration(h.Now), 48*time.Hour) // time in the first stage
		is.Equal(h.Stays[1].Duration(h.Now), 24*time.Hour)
		is.True(h.Stays[2].Left.IsZero()) // still in the proposal stage
	})

	t.Run("moving within the column only reorders", func(t *testing.T) {
		is := is.New(t)
		other := mustDeal(t, ta, admin, app.DealInput{Title: "Second", StageID: stages["proposal"].ID})
		before, _ := ta.Deal(ctx, admin, d.ID)
		_, err := ta.MoveDeal(ctx, admin, d.ID, stages["proposal"].ID, store.Place{Before: other.ID}, "")
		is.NoErr(err)
		after, _ := ta.Deal(ctx, admin, d.ID)
		is.Equal(after.Version, before.Version) // not an edit
		is.True(after.Position < other.Position)
		changes, _ := ta.StageChanges(ctx, admin, d.ID)
		is.Equal(len(changes), 3) // no history row for a reorder
	})

	t.Run("a stage of another pipeline is refused", func(t *testing.T) {
		is := is.New(t)
		renewals, err := ta.CreatePipeline(ctx, admin, "Renewals", []string{"Due", "Negotiating"})
		is.NoErr(err)
		_, err = ta.MoveDeal(ctx, admin, d.ID, renewals.Stages[0].ID, store.Place{}, "")
		is.Equal(fieldProblem(err, "stage_id"), "error.stage_other_pipeline")
		got, _ := ta.Deal(ctx, admin, d.ID)
		is.Equal(got.StageID, stages["proposal"].ID) // nothing moved
	})

	t.Run("an edit moves a deal to another pipeline", func(t *testing.T) {
		is := is.New(t)
		renewals, err := ta.CreatePipeline(ctx, admin, "Renewals 2", []string{"Due"})
		is.NoErr(err)
		x := mustDeal(t, ta, admin, app.DealInput{Title: "Crossing"})
		moved, err := ta.PatchDeal(ctx, admin, x.ID, x.Version, func(in *app.DealInput) {
			in.PipelineID, in.StageID = renewals.ID, renewals.Stages[0].ID
		})
		is.NoErr(err)
		is.Equal(moved.PipelineID, renewals.ID)
		changes, _ := ta.StageChanges(ctx, admin, x.ID)
		is.Equal(len(changes), 2)
		is.Equal(changes[1].FromStageID, stages["first_outreach"].ID) // history spans pipelines
		_, err = ta.PatchDeal(ctx, admin, x.ID, moved.Version, func(in *app.DealInput) {
			in.PipelineID, in.StageID = renewals.ID, stages["demo"].ID
		})
		is.Equal(fieldProblem(err, "stage_id"), "error.stage_other_pipeline") // pipeline and stage must agree
	})
}

func TestDealOutcomes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, stages := salesPipeline(t, ta)

	t.Run("moving to the won stage wins the deal", func(t *testing.T) {
		is := is.New(t)
		d := mustDeal(t, ta, admin, app.DealInput{Title: "Win me", StageID: stages["proposal"].ID})
		ta.clock.Add(10 * 24 * time.Hour)
		won, err := ta.MoveDeal(ctx, admin, d.ID, stages["won"].ID, store.Place{}, "")
		is.NoErr(err)
		is.Equal(won.Status, "won")
		is.Equal(won.ClosedAt, ta.clock.Now().Truncate(time.Millisecond)) // the won date
		h, _ := ta.DealStageHistory(ctx, admin, d.ID)
		is.Equal(h.TimeToClose, 10*24*time.Hour)
		entries, err := ta.History(ctx, admin, "deal", d.ID, 10)
		is.NoErr(err)
		is.Equal(entries[0].Action, "deal.won")
	})

	t.Run("lost needs a reason", func(t *testing.T) {
		is := is.New(t)
		d := mustDeal(t, ta, admin, app.DealInput{Title: "Lose me", StageID: stages["demo"].ID})
		_, err := ta.MoveDeal(ctx, admin, d.ID, stages["lost"].ID, store.Place{}, "")
		is.Equal(fieldProblem(err, "lost_reason"), "error.lost_reason_required")
		_, err = ta.CloseDeal(ctx, admin, d.ID, "lost", "  ")
		is.Equal(fieldProblem(err, "lost_reason"), "error.lost_reason_required")
		lost, err := ta.CloseDeal(ctx, admin, d.ID, "lost", "Chose a competitor")
		is.NoErr(err)
		is.Equal(lost.Status, "lost")
		is.Equal(lost.StageID, stages["lost"].ID) // pressing Lost moves it to the lost stage
		is.Equal(lost.LostReason, "Chose a competitor")
		is.True(!lost.ClosedAt.IsZero())

		reopened, err := ta.CloseDeal(ctx, admin, d.ID, "open", "")
		is.NoErr(err)
		is.Equal(reopened.Status, "open")
		is.Equal(reopened.StageID, stages["demo"].ID) // back where it was lost from
		is.Equal(reopened.LostReason, "")
		is.True(reopened.ClosedAt.IsZero())
	})

	t.Run("won from the deal page and the API's status", func(t *testing.T) {
		is := is.New(t)
		d := mustDeal(t, ta, admin, app.DealInput{Title: "Status", StageID: stages["demo"].ID})
		won, err := ta.PatchDeal(ctx, admin, d.ID, d.Version, func(in *app.DealInput) { in.Status = "won" })
		is.NoErr(err)
		is.Equal(won.StageID, stages["won"].ID)
		_, err = ta.PatchDeal(ctx, admin, d.ID, won.Version, func(in *app.DealInput) {
			in.Status, in.StageID = "lost", stages["proposal"].ID
		})
		is.Equal(fieldProblem(err, "status"), "error.status_stage_mismatch") // a stage and a status that disagree
		_, err = ta.PatchDeal(ctx, admin, d.ID, won.Version, func(in *app.DealInput) { in.Status = "maybe" })
		is.Equal(fieldProblem(err, "status"), "error.deal_status_invalid")
	})

	t.Run("stale versions conflict", func(t *testing.T) {
		is := is.New(t)
		d := mustDeal(t, ta, admin, app.DealInput{Title: "Versions"})
		_, err := ta.MoveDeal(ctx, admin, d.ID, stages["demo"].ID, store.Place{}, "")
		is.NoErr(err)
		_, err = ta.PatchDeal(ctx, admin, d.ID, d.Version, func(in *app.DealInput) { in.Title = "Old view" })
		is.Equal(app.ErrorCode(err), app.EConflict) // the move made the deal newer
	})
}

func TestDealValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	cases := []struct {
		name  string
		in    app.DealInput
		field string
		key   string
	}{
		{"no title", app.DealInput{Title: " "}, "title", "error.required"},
		{"unknown currency", app.DealInput{Title: "A", Currency: "ABC"}, "currency", "error.currency_invalid"},
		{"too many decimals for yen", app.DealInput{Title: "A", Currency: "JPY", Amount: "100.5"}, "value", "error.amount_invalid"},
		{"words for an amount", app.DealInput{Title: "A", Amount: "lots"}, "value", "error.amount_invalid"},
		{"negative value", app.DealInput{Title: "A", Value: -1}, "value", "error.amount_invalid"},
		{"impossible date", app.DealInput{Title: "A", ExpectedCloseDate: "2026-02-30"}, "expected_close_date", "error.close_date_invalid"},
		{"unknown company", app.DealInput{Title: "A", CompanyID: "nope"}, "company_id", "error.company_unknown"},
		{"unknown contact", app.DealInput{Title: "A", ContactIDs: []string{"nope"}}, "contact_ids.0", "error.contact_unknown"},
		{"unknown owner", app.DealInput{Title: "A", OwnerID: "nope"}, "owner_id", "error.owner_unknown"},
		{"unknown stage", app.DealInput{Title: "A", StageID: "nope"}, "stage_id", "error.stage_unknown"},
		{"control characters", app.DealInput{Title: "A\x00"}, "title", "error.control_chars"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			_, err := ta.CreateDeal(ctx, admin, tc.in)
			is.Equal(app.ErrorCode(err), app.EInvalid)
			is.Equal(fieldProblem(err, tc.field), tc.key)
		})
	}
	t.Run("amounts as people type them", func(t *testing.T) {
		is := is.New(t)
		for _, c := range []struct {
			typed, currency string
			want            int64
		}{
			{"1,250.5", "USD", 125050}, {"$ 99", "USD", 9900}, {"₩3,000,000", "KRW", 3000000}, {"１２０００", "JPY", 12000}, {"0.125", "BHD", 125},
		} {
			got, ok := app.ParseAmount(c.typed, c.currency)
			is.True(ok)
			is.Equal(got, c.want)
		}
		is.Equal(app.AmountText(125050, "USD"), "1250.50")
		is.Equal(app.AmountText(5, "USD"), "0.05")
		is.Equal(app.AmountText(3000, "KRW"), "3000")
	})
	t.Run("contacts and company are linked, the first contact is primary", func(t *testing.T) {
		is := is.New(t)
		co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Acme"})
		is.NoErr(err)
		c1, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ann", CompanyID: co.ID})
		is.NoErr(err)
		c2, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Bob"})
		is.NoErr(err)
		d := mustDeal(t, ta, admin, app.DealInput{Title: "Linked", CompanyID: co.ID, ContactIDs: []string{c1.ID, c2.ID, c1.ID},
			OwnerID: admin.ID, Tags: []string{"vip"}, ExpectedCloseDate: "2027-01-31", Source: "Referral"})
		is.Equal(d.ContactID, c1.ID)
		is.Equal(d.ContactIDs, []string{c2.ID}) // repeats dropped
		is.Equal(len(d.Tags), 1)
		ofContact, err := ta.DealsOf(ctx, admin, "contact", c2.ID, 10)
		is.NoErr(err)
		is.Equal(len(ofContact), 1) // a further contact sees the deal too
		ofCompany, err := ta.DealsOf(ctx, admin, "company", co.ID, 10)
		is.NoErr(err)
		is.Equal(ofCompany[0].ID, d.ID)
	})
}

func TestViewersCannotChangeDeals(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	viewer, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Vic", Email: "vic@example.com", Role: app.RoleViewer, Password: "12345678"})
	is.NoErr(err)
	sales, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	d := mustDeal(t, ta, admin, app.DealInput{Title: "Look, don't touch"})
	_, stages := salesPipeline(t, ta)
	_, err = ta.CreateDeal(ctx, viewer, app.DealInput{Title: "No"})
	is.Equal(app.ErrorCode(err), app.EForbidden)
	_, err = ta.MoveDeal(ctx, viewer, d.ID, stages["demo"].ID, store.Place{}, "")
	is.Equal(app.ErrorCode(err), app.EForbidden)
	is.Equal(app.ErrorCode(ta.TrashDeal(ctx, viewer, d.ID)), app.EForbidden)
	_, err = ta.CloseDeal(ctx, viewer, d.ID, "won", "")
	is.Equal(app.ErrorCode(err), app.EForbidden)
	_, err = ta.CreatePipeline(ctx, sales, "Mine", []string{"One"})
	is.Equal(app.ErrorCode(err), app.EForbidden) // only admins and managers shape pipelines
	is.Equal(app.ErrorCode(ta.RenamePipeline(ctx, sales, d.PipelineID, "X")), app.EForbidden)
	is.Equal(app.ErrorCode(ta.DeleteStage(ctx, sales, stages["demo"].ID, "")), app.EForbidden)
	is.Equal(app.ErrorCode(ta.SetDealSettings(ctx, sales, "EUR", nil)), app.EForbidden)
	_, err = ta.Board(ctx, viewer, d.PipelineID, store.DealQuery{})
	is.NoErr(err) // viewers read
}
