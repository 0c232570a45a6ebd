package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestPipelineManagement(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	manager, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Mia", Email: "mia@example.com", Role: app.RoleManager, Password: "12345678"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("a new pipeline gets its open stages, then won and lost", func(t *testing.T) {
		is := is.New(t)
		p, err := ta.CreatePipeline(ctx, manager, "Partner onboarding", []string{"Signed up", "", "Trained", "Live"})
		is.NoErr(err)
		is.Equal(p.Name, "Partner onboarding")
		is.Equal(len(p.Stages), 5)
		is.Equal([]int{p.Stages[0].Probability, p.Stages[1].Probability, p.Stages[2].Probability}, []int{25, 50, 75})
		is.Equal(p.Stages[3].Kind, "won")
		is.Equal(p.Stages[4].Kind, "lost")
		list, err := ta.Pipelines(ctx, manager)
		is.NoErr(err)
		is.Equal(list[len(list)-1].ID, p.ID) // at the end
		_, err = ta.CreatePipeline(ctx, manager, "", []string{"x"})
		is.Equal(fieldProblem(err, "name"), "error.required")
		_, err = ta.CreatePipeline(ctx, manager, "Empty", nil)
		is.Equal(fieldProblem(err, "stages"), "error.stages_required")
	})

	t.Run("rename, reorder, archive", func(t *testing.T) {
		is := is.New(t)
		p, err := ta.CreatePipeline(ctx, manager, "Renewals", []string{"Due"})
		is.NoErr(err)
		is.NoErr(ta.RenamePipeline(ctx, manager, p.ID, "Renewals 2027"))
		is.NoErr(ta.MovePipeline(ctx, manager, p.ID, -100)) // to the top, however far
		list, _ := ta.Pipelines(ctx, manager)
		is.Equal(list[0].ID, p.ID)
		is.Equal(list[0].Name, "Renewals 2027")
		for i, l := range list {
			is.Equal(l.Position, i) // no gaps, no repeats
		}
		is.NoErr(ta.ArchivePipeline(ctx, manager, p.ID, true))
		def, err := ta.DefaultPipeline(ctx, manager)
		is.NoErr(err)
		is.True(def.ID != p.ID) // an archived pipeline is not where deals go
		_, err = ta.CreateDeal(ctx, manager, app.DealInput{Title: "Into the archive", PipelineID: p.ID})
		is.Equal(fieldProblem(err, "pipeline_id"), "error.pipeline_unknown")
		is.NoErr(ta.ArchivePipeline(ctx, manager, p.ID, false))
		entries, err := ta.History(ctx, admin, "pipeline", p.ID, 10)
		is.NoErr(err)
		is.Equal(entries[0].Action, "pipeline.unarchived")
		is.Equal(entries[len(entries)-1].Action, "pipeline.created")
	})

	t.Run("stages: add before the closing ones, edit, reorder", func(t *testing.T) {
		is := is.New(t)
		p, err := ta.CreatePipeline(ctx, manager, "Stages", []string{"One", "Two"})
		is.NoErr(err)
		s, err := ta.CreateStage(ctx, manager, p.ID, app.StageInput{Name: "Three", Probability: 70, RotDays: 5})
		is.NoErr(err)
		p, _ = ta.Pipeline(ctx, manager, p.ID)
		is.Equal(p.Stages[2].ID, s.ID) // before Won and Lost
		is.NoErr(ta.UpdateStage(ctx, manager, s.ID, app.StageInput{Name: "Three!", Probability: 75, RotDays: 0, Kind: "open"}, false))
		is.NoErr(ta.MoveStage(ctx, manager, s.ID, -1))
		p, _ = ta.Pipeline(ctx, manager, p.ID)
		is.Equal(p.Stages[1].Name, "Three!")
		is.Equal(p.Stages[1].Probability, 75)
		is.Equal(p.Stages[1].RotDays, 0)
		err = ta.UpdateStage(ctx, manager, s.ID, app.StageInput{Name: "X", Probability: 101}, false)
		is.Equal(fieldProblem(err, "probability"), "error.probability_invalid")
		err = ta.UpdateStage(ctx, manager, p.Stages[3].ID, app.StageInput{Name: "Won", Probability: 100, Kind: "open"}, false)
		is.Equal(fieldProblem(err, "kind"), "error.stage_kind_last") // the only won stage stays won
		_, stages := salesPipeline(t, ta)
		is.NoErr(ta.UpdateStage(ctx, manager, stages["won"].ID, app.StageInput{Probability: 100, Kind: "won"}, true))
		def, _ := salesPipeline(t, ta)
		is.Equal(def.Stages[5].NameKey, "pipeline.default.won") // keepName keeps the translated built-in name
	})

	t.Run("the last pipeline in use stays", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		def, _ := ta.DefaultPipeline(ctx, admin)
		is.Equal(app.ErrorCode(ta.ArchivePipeline(ctx, admin, def.ID, true)), app.EConflict)
		is.Equal(app.ErrorCode(ta.DeletePipeline(ctx, admin, def.ID, nil)), app.EConflict)
	})
}

func TestStageDeletionMovesItsDeals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	var demoDeals []app.Deal
	for _, title := range []string{"A", "B", "C"} {
		demoDeals = append(demoDeals, mustDeal(t, ta, admin, app.DealInput{Title: title, StageID: stages["demo"].ID}))
	}
	is.New(t).NoErr(ta.TrashDeal(ctx, admin, demoDeals[2].ID)) // a trashed deal moves too
	mustDeal(t, ta, admin, app.DealInput{Title: "Already there", StageID: stages["proposal"].ID})

	t.Run("a stage with deals asks where they go", func(t *testing.T) {
		is := is.New(t)
		err := ta.DeleteStage(ctx, admin, stages["demo"].ID, "")
		is.Equal(fieldProblem(err, "target_stage_id"), "error.stage_target_required")
		err = ta.DeleteStage(ctx, admin, stages["demo"].ID, stages["won"].ID)
		is.Equal(fieldProblem(err, "target_stage_id"), "error.stage_target_invalid") // open deals go to an open stage
		err = ta.DeleteStage(ctx, admin, stages["demo"].ID, stages["demo"].ID)
		is.Equal(fieldProblem(err, "target_stage_id"), "error.stage_target_invalid")
		counts, err := ta.StageDealCounts(ctx, admin, p.ID)
		is.NoErr(err)
		is.Equal(counts[stages["demo"].ID], 3) // nothing moved while refused
	})

	t.Run("deleting moves every deal and keeps their history", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(ta.DeleteStage(ctx, admin, stages["demo"].ID, stages["proposal"].ID))
		counts, err := ta.StageDealCounts(ctx, admin, p.ID)
		is.NoErr(err)
		is.Equal(counts[stages["demo"].ID], 0)
		is.Equal(counts[stages["proposal"].ID], 4)
		for _, d := range demoDeals {
			got, err := ta.Deal(ctx, admin, d.ID)
			is.NoErr(err)
			is.Equal(got.StageID, stages["proposal"].ID)
			changes, _ := ta.StageChanges(ctx, admin, d.ID)
			is.Equal(changes[len(changes)-1].FromStageID, stages["demo"].ID)
		}
		board, err := ta.Board(ctx, admin, p.ID, store.DealQuery{})
		is.NoErr(err)
		is.Equal(len(board.Columns), 6) // the deleted stage's column is gone
		is.Equal(board.Count, 3)        // the trashed deal is not on the board
		cards := board.Columns[2].Cards
		is.Equal(len(cards), 3)
		is.True(cards[0].Position < cards[1].Position && cards[1].Position < cards[2].Position)
		trashed, err := ta.TrashedStages(ctx, admin, p.ID)
		is.NoErr(err)
		is.Equal(trashed[0].ID, stages["demo"].ID)
	})

	t.Run("restore, delete again, and empty the trash", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(ta.RestoreStage(ctx, admin, stages["demo"].ID))
		p, _ := ta.Pipeline(ctx, admin, p.ID)
		is.Equal(len(p.Stages), 7)
		is.NoErr(ta.DeleteStage(ctx, admin, stages["demo"].ID, "")) // empty now: no question
		n, err := ta.EmptyTrash(ctx, admin)
		is.NoErr(err)
		is.Equal(n, 2) // the trashed deal and the stage
		_, err = ta.Deal(ctx, admin, demoDeals[2].ID)
		is.Equal(app.ErrorCode(err), app.ENotFound)
		changes, err := ta.StageChanges(ctx, admin, demoDeals[0].ID)
		is.NoErr(err)
		is.Equal(changes[1].FromStageID, "") // the purged stage leaves a gap, not a broken row
	})

	t.Run("the last stage of a kind stays", func(t *testing.T) {
		is := is.New(t)
		is.Equal(app.ErrorCode(ta.DeleteStage(ctx, admin, stages["won"].ID, "")), app.EConflict)
		is.Equal(app.ErrorCode(ta.ArchiveStage(ctx, admin, stages["lost"].ID, true)), app.EConflict)
		is.Equal(app.ErrorCode(ta.ArchiveStage(ctx, admin, stages["proposal"].ID, true)), app.EConflict) // it holds open deals
		is.NoErr(ta.ArchiveStage(ctx, admin, stages["first_outreach"].ID, true))
		_, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Archived", StageID: stages["first_outreach"].ID})
		is.Equal(fieldProblem(err, "stage_id"), "error.stage_unknown")
		d := mustDeal(t, ta, admin, app.DealInput{Title: "Skips the archive"})
		is.Equal(d.StageID, stages["qualifying_call"].ID) // the first stage in use
	})
}

func TestPipelineDeletionMovesDealsByKind(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, stages := salesPipeline(t, ta)
	other, err := ta.CreatePipeline(ctx, admin, "Other", []string{"Start"})
	is.NoErr(err)
	open := mustDeal(t, ta, admin, app.DealInput{Title: "Open", StageID: other.Stages[0].ID})
	won := mustDeal(t, ta, admin, app.DealInput{Title: "Won", StageID: other.Stages[1].ID})

	err = ta.DeletePipeline(ctx, admin, other.ID, map[string]string{"open": stages["demo"].ID})
	is.Equal(fieldProblem(err, "target_won"), "error.stage_target_required") // won deals need a won stage
	err = ta.DeletePipeline(ctx, admin, other.ID, map[string]string{"open": other.Stages[0].ID, "won": stages["won"].ID})
	is.Equal(fieldProblem(err, "target_open"), "error.stage_target_invalid") // not into itself
	is.NoErr(ta.DeletePipeline(ctx, admin, other.ID, map[string]string{"open": stages["demo"].ID, "won": stages["won"].ID}))
	got, _ := ta.Deal(ctx, admin, open.ID)
	is.Equal(got.StageID, stages["demo"].ID)
	got, _ = ta.Deal(ctx, admin, won.ID)
	is.Equal(got.StageID, stages["won"].ID)
	is.Equal(got.Status, "won") // the outcome stays
	trashed, err := ta.TrashedPipelines(ctx, admin)
	is.NoErr(err)
	is.Equal(trashed[0].ID, other.ID)
	_, err = ta.Board(ctx, admin, other.ID, store.DealQuery{})
	is.Equal(app.ErrorCode(err), app.ENotFound)
	is.NoErr(ta.RestorePipeline(ctx, admin, other.ID))
	list, _ := ta.Pipelines(ctx, admin)
	is.Equal(list[len(list)-1].ID, other.ID)
}
