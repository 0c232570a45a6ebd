package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// The stage actions of the pipeline editor: each posts a small form and
// comes back to the editor, which shows problems beside the form.

func handleStageCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		values, in := readStageValues(r)
		if _, err := s.app.CreateStage(r.Context(), b.User, id, in); err != nil {
			s.stageFailed(w, r, b, id, "new", err, pipelinePage{Entered: map[string]stageValues{"new": values}})
			return
		}
		setFlash(w, "pipelines.stage_created")
		redirect(w, r, s.recordPath("pipeline.edit", "id", id))
	})
}

// stageOf loads the stage the path names, for its pipeline and name; a
// trashed one only when trashed is set (to restore it).
func (s *site) stageOf(r *http.Request, trashed bool) (app.Stage, error) {
	st, err := s.app.Stage(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
	if err == nil && st.Trashed() != trashed {
		err = &app.Error{Code: app.ENotFound, Message: "error.stage_not_found"}
	}
	return st, err
}

// handleStageUpdate saves a stage's row. A built-in name left as shown
// stays built-in, so every reader keeps seeing it in their language.
func handleStageUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		st, err := s.stageOf(r, false)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		values, in := readStageValues(r)
		keepName := st.Name == "" && st.NameKey != "" && in.Name == s.catalog.T(b.Lang, st.NameKey)
		if err := s.app.UpdateStage(r.Context(), b.User, st.ID, in, keepName); err != nil {
			s.stageFailed(w, r, b, st.PipelineID, st.ID, err, pipelinePage{Entered: map[string]stageValues{st.ID: values}})
			return
		}
		setFlash(w, "pipelines.stage_saved")
		redirect(w, r, s.recordPath("pipeline.edit", "id", st.PipelineID))
	})
}

func handleStageMove(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		st, err := s.stageOf(r, false)
		if err == nil {
			delta := 1
			if r.PostForm.Get("direction") == "up" {
				delta = -1
			}
			err = s.app.MoveStage(r.Context(), b.User, st.ID, delta)
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		redirect(w, r, s.recordPath("pipeline.edit", "id", st.PipelineID))
	})
}

func handleStageArchive(s *site, archive bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		st, err := s.stageOf(r, false)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := s.app.ArchiveStage(r.Context(), b.User, st.ID, archive); err != nil {
			s.stageFailed(w, r, b, st.PipelineID, st.ID, err, pipelinePage{})
			return
		}
		flash := "pipelines.stage_unarchived"
		if archive {
			flash = "pipelines.stage_archived"
		}
		setFlash(w, flash)
		redirect(w, r, s.recordPath("pipeline.edit", "id", st.PipelineID))
	})
}

// handleStageDelete moves a stage to the trash, its deals first to the
// posted target_stage_id.
func handleStageDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		st, err := s.stageOf(r, false)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := s.app.DeleteStage(r.Context(), b.User, st.ID, r.PostForm.Get("target_stage_id")); err != nil {
			s.stageFailed(w, r, b, st.PipelineID, st.ID, err, pipelinePage{Open: st.ID})
			return
		}
		setFlash(w, "pipelines.stage_deleted")
		redirect(w, r, s.recordPath("pipeline.edit", "id", st.PipelineID))
	})
}

func handleStageRestore(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		st, err := s.stageOf(r, true)
		if err == nil {
			err = s.app.RestoreStage(r.Context(), b.User, st.ID)
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "pipelines.stage_restored")
		redirect(w, r, s.recordPath("pipeline.edit", "id", st.PipelineID))
	})
}
