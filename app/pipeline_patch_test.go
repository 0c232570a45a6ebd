package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestPipelinePatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	manager, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Mia", Email: "mia@example.com", Role: app.RoleManager, Password: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	sales, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	ptr := func(s string) *string { return &s }
	yes := true

	t.Run("one patch renames and archives at the version read, or changes nothing", func(t *testing.T) {
		is := is.New(t)
		p, err := ta.CreatePipeline(ctx, manager, "Renewals", []string{"Due"})
		is.NoErr(err)
		got, err := ta.PatchPipeline(ctx, manager, p.ID, p.Version, app.PipelineChange{Name: ptr("Renewals 2027"), Archived: &yes})
		is.NoErr(err)
		is.Equal(got.Name, "Renewals 2027")
		is.True(got.Archived())
		is.True(got.Version > p.Version)
		_, err = ta.PatchPipeline(ctx, manager, p.ID, p.Version, app.PipelineChange{Name: ptr("Stale")}) // the version read before
		is.Equal(app.ErrorCode(err), app.EConflict)
		again, _ := ta.Pipeline(ctx, manager, p.ID)
		is.Equal(again.Name, "Renewals 2027")
		_, err = ta.PatchPipeline(ctx, manager, p.ID, got.Version, app.PipelineChange{Name: ptr(" ")})
		is.Equal(fieldProblem(err, "name"), "error.required")
		_, err = ta.PatchPipeline(ctx, sales, p.ID, got.Version, app.PipelineChange{Name: ptr("Mine")})
		is.Equal(app.ErrorCode(err), app.EForbidden)
		_, err = ta.PatchPipeline(ctx, manager, "no-such-id", 1, app.PipelineChange{Name: ptr("x")})
		is.Equal(app.ErrorCode(err), app.ENotFound)
	})

	t.Run("a stage patch keeps a built-in name unless it names the stage", func(t *testing.T) {
		is := is.New(t)
		p, err := ta.CreatePipeline(ctx, manager, "Hiring", []string{"Screen", "Interview"})
		is.NoErr(err)
		won := p.Stages[2]
		is.Equal(won.NameKey, "pipeline.default.won")
		prob := 90
		st, err := ta.PatchStage(ctx, manager, won.ID, won.Version, app.StageChange{Probability: &prob})
		is.NoErr(err)
		is.Equal(st.NameKey, "pipeline.default.won") // still translated for every reader
		is.Equal(st.Probability, 90)
		rot := 14
		st, err = ta.PatchStage(ctx, manager, p.Stages[0].ID, p.Stages[0].Version, app.StageChange{Name: ptr("Phone screen"), RotDays: &rot, Archived: &yes})
		is.NoErr(err)
		is.Equal(st.Name, "Phone screen")
		is.Equal(st.RotDays, 14)
		is.True(st.Archived())
		_, err = ta.PatchStage(ctx, manager, st.ID, p.Stages[0].Version, app.StageChange{Name: ptr("Lost update")})
		is.Equal(app.ErrorCode(err), app.EConflict)
		bad := 101
		_, err = ta.PatchStage(ctx, manager, st.ID, st.Version, app.StageChange{Probability: &bad})
		is.Equal(fieldProblem(err, "probability"), "error.probability_invalid")
		// the last usable won stage cannot be archived: the patch is refused whole
		_, err = ta.PatchStage(ctx, manager, won.ID, won.Version+1, app.StageChange{Name: ptr("Hired"), Archived: &yes})
		is.Equal(app.ErrorCode(err), app.EConflict)
		again, _ := ta.StagesByID(ctx, manager, []string{won.ID})
		is.Equal(again[won.ID].Name, "") // the rename rolled back with it
	})

	t.Run("an order names every pipeline or stage once", func(t *testing.T) {
		is := is.New(t)
		list, err := ta.Pipelines(ctx, manager)
		is.NoErr(err)
		var ids []string
		for i := len(list) - 1; i >= 0; i-- {
			ids = append(ids, list[i].ID)
		}
		is.NoErr(ta.SetPipelineOrder(ctx, manager, ids))
		now, _ := ta.Pipelines(ctx, manager)
		for i, p := range now {
			is.Equal(p.ID, ids[i])
			is.Equal(p.Position, i)
		}
		err = ta.SetPipelineOrder(ctx, manager, ids[1:])
		is.Equal(fieldProblem(err, "ids"), "error.order_incomplete")
		err = ta.SetPipelineOrder(ctx, manager, append(ids[1:], ids[1]))
		is.Equal(fieldProblem(err, "ids"), "error.order_incomplete")
		is.Equal(app.ErrorCode(ta.SetPipelineOrder(ctx, sales, ids)), app.EForbidden)

		p := now[0]
		stageIDs := []string{p.Stages[len(p.Stages)-1].ID}
		for _, st := range p.Stages[:len(p.Stages)-1] {
			stageIDs = append(stageIDs, st.ID)
		}
		is.NoErr(ta.SetStageOrder(ctx, manager, p.ID, stageIDs))
		got, _ := ta.Pipeline(ctx, manager, p.ID)
		for i, st := range got.Stages {
			is.Equal(st.ID, stageIDs[i])
		}
		err = ta.SetStageOrder(ctx, manager, p.ID, []string{stageIDs[0]})
		is.Equal(fieldProblem(err, "ids"), "error.order_incomplete")
	})
}
