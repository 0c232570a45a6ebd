package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// The pipeline settings actions: each posts a small form and comes back
// to the settings page, which shows problems beside the form they concern.

func handlePipelineCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		name, stages := r.PostForm.Get("name"), r.PostForm.Get("stages")
		p, err := s.app.CreatePipeline(r.Context(), b.User, name, lines(stages))
		if err != nil {
			s.pipelineFailed(w, r, b, "new", err, pipelinesPage{NewName: name, NewStages: stages})
			return
		}
		setFlash(w, "pipelines.created")
		redirect(w, r, s.recordPath("pipeline.edit", "id", p.ID))
	})
}

func handlePipelineRename(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		if err := s.app.RenamePipeline(r.Context(), b.User, id, r.PostForm.Get("name")); err != nil {
			s.pipelineFailed(w, r, b, id, err, pipelinesPage{})
			return
		}
		setFlash(w, "pipelines.saved")
		redirect(w, r, localPath(r.PostForm.Get("back"), s.recordPath("pipelines")))
	})
}

func handlePipelineMove(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		delta := 1
		if r.PostForm.Get("direction") == "up" {
			delta = -1
		}
		if err := s.app.MovePipeline(r.Context(), b.User, mux.Vars(r)["id"], delta); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		redirect(w, r, s.recordPath("pipelines"))
	})
}

func handlePipelineArchive(s *site, archive bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		id := mux.Vars(r)["id"]
		if err := s.app.ArchivePipeline(r.Context(), b.User, id, archive); err != nil {
			s.pipelineFailed(w, r, b, id, err, pipelinesPage{})
			return
		}
		flash := "pipelines.unarchived"
		if archive {
			flash = "pipelines.archived"
		}
		setFlash(w, flash)
		redirect(w, r, s.recordPath("pipelines"))
	})
}

// handlePipelineDelete moves a pipeline to the trash; its deals first go
// to the stages chosen per kind (target_open, target_won, target_lost).
func handlePipelineDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		targets := map[string]string{}
		for _, kind := range []string{"open", "won", "lost"} {
			if v := r.PostForm.Get("target_" + kind); v != "" {
				targets[kind] = v
			}
		}
		if err := s.app.DeletePipeline(r.Context(), b.User, id, targets); err != nil {
			s.pipelineFailed(w, r, b, id, err, pipelinesPage{Open: id})
			return
		}
		setFlash(w, "pipelines.deleted")
		redirect(w, r, s.recordPath("pipelines"))
	})
}

func handlePipelineRestore(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		id := mux.Vars(r)["id"]
		if err := s.app.RestorePipeline(r.Context(), b.User, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "pipelines.restored")
		redirect(w, r, s.recordPath("pipeline.edit", "id", id))
	})
}

// handleDealSettings saves the default currency and the lost reasons.
func handleDealSettings(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "pipelines.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		code, reasons := r.PostForm.Get("default_currency"), r.PostForm.Get("lost_reasons")
		if err := s.app.SetDealSettings(r.Context(), b.User, code, lines(reasons)); err != nil {
			s.pipelineFailed(w, r, b, "deals", err, pipelinesPage{Currency: code, LostReasons: reasons})
			return
		}
		setFlash(w, "pipelines.deal_settings_saved")
		redirect(w, r, s.recordPath("pipelines")+"#deal-settings")
	})
}
