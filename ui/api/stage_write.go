package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Stages as the pipeline editor shapes them: add, change (name,
// probability, rot days, kind, archived), reorder, delete (moving their
// deals) and restore. Admins and managers only; the app checks again.

// StageInput adds a stage: kind open (the default) goes before the won
// and lost stages, a closing kind at the end. rot_days 0 or null: deals
// here never rot.
type StageInput struct {
	Name        string `json:"name"`
	Probability int    `json:"probability"`
	RotDays     *int   `json:"rot_days"`
	Kind        string `json:"kind"`
}

// StagePatch changes a stage at the version last read; a built-in name
// stays translated for every reader unless name is sent.
type StagePatch struct {
	Version     *int    `json:"version"`
	Name        *string `json:"name"`
	Probability *int    `json:"probability"`
	RotDays     *int    `json:"rot_days"`
	Kind        *string `json:"kind"`
	Archived    *bool   `json:"archived"`
}

func handleAPIStageCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in StageInput
		if _, ok := readSettingsBody(w, r, s, app.AreaDeals, app.LevelManage, &in); !ok {
			return
		}
		st, err := s.app.CreateStage(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"],
			app.StageInput{Name: in.Name, Probability: in.Probability, RotDays: orZero(in.RotDays), Kind: in.Kind})
		if err == nil {
			w.Header().Set("Location", s.path("api.stage", "id", st.ID))
		}
		answer(w, r, s, http.StatusCreated, s.stageJSON(s.lang(r), st), err)
	})
}

// liveStageOf loads the stage the path names; one in the trash is found
// only when trashed is set (to restore it).
func (s *apiSite) liveStageOf(r *http.Request, trashed bool) (app.Stage, error) {
	st, err := s.app.Stage(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
	if err == nil && st.Trashed() != trashed {
		err = &app.Error{Code: app.ENotFound, Message: "error.stage_not_found"}
	}
	return st, err
}

func handleAPIStage(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := s.liveStageOf(r, false)
		answer(w, r, s, http.StatusOK, s.stageJSON(s.lang(r), st), err)
	})
}

func handleAPIStageUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in StagePatch
		m, ok := readSettingsBody(w, r, s, app.AreaDeals, app.LevelManage, &in)
		if !ok {
			return
		}
		version, ok := versionOf(w, r, s, in.Version)
		if !ok {
			return
		}
		ch := app.StageChange{Name: in.Name, Probability: in.Probability, RotDays: in.RotDays, Kind: in.Kind, Archived: in.Archived}
		if m.has("rot_days") && in.RotDays == nil {
			ch.RotDays = new(int) // null: never rots
		}
		st, err := s.app.PatchStage(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], version, ch)
		answer(w, r, s, http.StatusOK, s.stageJSON(s.lang(r), st), err)
	})
}

// handleAPIStageDelete moves a stage to the trash; its deals first go to
// target_stage_id, another stage of the same pipeline and kind.
func handleAPIStageDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaDeals, app.LevelManage) {
			return
		}
		noContent(w, r, s, s.app.DeleteStage(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], r.URL.Query().Get("target_stage_id")))
	})
}

// handleAPIStageRestore takes a stage out of the trash; one that is not
// in it is answered as it is (restoring is idempotent).
func handleAPIStageRestore(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaDeals, app.LevelManage) {
			return
		}
		st, err := s.liveStageOf(r, true)
		if err == nil {
			err = s.app.RestoreStage(r.Context(), request.CurrentUser(r), st.ID)
		}
		if err == nil || app.ErrorCode(err) == app.ENotFound {
			st, err = s.liveStageOf(r, false)
		}
		answer(w, r, s, http.StatusOK, s.stageJSON(s.lang(r), st), err)
	})
}

// handleAPIStageTrash lists a pipeline's stages in the trash, to restore.
func handleAPIStageTrash(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaDeals, app.LevelManage) {
			return
		}
		p, err := s.livePipelineOf(r)
		var list []app.Stage
		if err == nil {
			list, err = s.app.TrashedStages(r.Context(), request.CurrentUser(r), p.ID)
		}
		out := listJSON[StageJSON]{Data: []StageJSON{}}
		for _, st := range list {
			out.Data = append(out.Data, s.stageJSON(s.lang(r), st))
		}
		answer(w, r, s, http.StatusOK, out, err)
	})
}

// handleAPIStageOrder puts a pipeline's stages in the order given.
func handleAPIStageOrder(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in OrderInput
		if _, ok := readSettingsBody(w, r, s, app.AreaDeals, app.LevelManage, &in); !ok {
			return
		}
		err := s.app.SetStageOrder(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], in.IDs)
		var p app.Pipeline
		if err == nil {
			p, err = s.livePipelineOf(r)
		}
		answer(w, r, s, http.StatusOK, s.pipelineJSON(s.lang(r), p), err)
	})
}

func orZero(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}
