package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Pipelines as the settings page shapes them: create, rename, archive,
// reorder, delete (moving their deals) and restore. Admins and managers
// only, as on the page; the app checks again.

// PipelineInput creates a pipeline: its open stages by name, in order;
// a Won and a Lost stage follow.
type PipelineInput struct {
	Name   string   `json:"name"`
	Stages []string `json:"stages"`
}

// PipelinePatch changes a pipeline at the version last read.
type PipelinePatch struct {
	Version  *int    `json:"version"`
	Name     *string `json:"name"`
	Archived *bool   `json:"archived"`
}

// OrderInput lists every pipeline, or every stage of a pipeline, in the
// order wanted.
type OrderInput struct {
	IDs []string `json:"ids"`
}

func handleAPIPipelineCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in PipelineInput
		if _, ok := readSettingsBody(w, r, s, app.AreaDeals, app.LevelManage, &in); !ok {
			return
		}
		p, err := s.app.CreatePipeline(r.Context(), request.CurrentUser(r), in.Name, in.Stages)
		if err == nil {
			w.Header().Set("Location", s.path("api.pipeline", "id", p.ID))
		}
		answer(w, r, s, http.StatusCreated, s.pipelineJSON(s.lang(r), p), err)
	})
}

// livePipelineOf loads the pipeline the path names; one in the trash is
// not found, as on the settings page.
func (s *apiSite) livePipelineOf(r *http.Request) (app.Pipeline, error) {
	p, err := s.app.Pipeline(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
	if err == nil && p.Trashed() {
		err = &app.Error{Code: app.ENotFound, Message: "error.pipeline_not_found"}
	}
	return p, err
}

func handleAPIPipeline(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.livePipelineOf(r)
		answer(w, r, s, http.StatusOK, s.pipelineJSON(s.lang(r), p), err)
	})
}

func handleAPIPipelineUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in PipelinePatch
		if _, ok := readSettingsBody(w, r, s, app.AreaDeals, app.LevelManage, &in); !ok {
			return
		}
		version, ok := versionOf(w, r, s, in.Version)
		if !ok {
			return
		}
		p, err := s.app.PatchPipeline(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], version, app.PipelineChange{Name: in.Name, Archived: in.Archived})
		answer(w, r, s, http.StatusOK, s.pipelineJSON(s.lang(r), p), err)
	})
}

// handleAPIPipelineDelete moves a pipeline to the trash. Its deals first
// go to the stages named by target_open, target_won and target_lost (the
// settings page's form fields), per kind; without them a pipeline that
// holds deals answers 422 naming the missing one.
func handleAPIPipelineDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaDeals, app.LevelManage) {
			return
		}
		targets := map[string]string{}
		for _, kind := range app.StageKinds {
			if v := r.URL.Query().Get("target_" + kind); v != "" {
				targets[kind] = v
			}
		}
		noContent(w, r, s, s.app.DeletePipeline(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], targets))
	})
}

// handleAPIPipelineRestore takes a pipeline out of the trash; one that is
// not in it is answered as it is (restoring is idempotent).
func handleAPIPipelineRestore(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaDeals, app.LevelManage) {
			return
		}
		user, id := request.CurrentUser(r), mux.Vars(r)["id"]
		p, err := s.app.Pipeline(r.Context(), user, id)
		if err == nil && p.Trashed() {
			if err = s.app.RestorePipeline(r.Context(), user, id); err == nil {
				p, err = s.app.Pipeline(r.Context(), user, id)
			}
		}
		answer(w, r, s, http.StatusOK, s.pipelineJSON(s.lang(r), p), err)
	})
}

// handleAPIPipelineTrash lists the pipelines in the trash, to restore.
func handleAPIPipelineTrash(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaDeals, app.LevelManage) {
			return
		}
		list, err := s.app.TrashedPipelines(r.Context(), request.CurrentUser(r))
		answer(w, r, s, http.StatusOK, s.pipelineList(r, list), err)
	})
}

// handleAPIPipelineOrder puts the pipelines in the order given.
func handleAPIPipelineOrder(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in OrderInput
		if _, ok := readSettingsBody(w, r, s, app.AreaDeals, app.LevelManage, &in); !ok {
			return
		}
		user := request.CurrentUser(r)
		err := s.app.SetPipelineOrder(r.Context(), user, in.IDs)
		var list []app.Pipeline
		if err == nil {
			list, err = s.app.Pipelines(r.Context(), user)
		}
		answer(w, r, s, http.StatusOK, s.pipelineList(r, list), err)
	})
}

func (s *apiSite) pipelineList(r *http.Request, list []app.Pipeline) listJSON[PipelineJSON] {
	out := listJSON[PipelineJSON]{Data: []PipelineJSON{}}
	for _, p := range list {
		out.Data = append(out.Data, s.pipelineJSON(s.lang(r), p))
	}
	return out
}

// lang is the caller's language, for built-in names.
func (s *apiSite) lang(r *http.Request) string {
	return s.catalog.Language(r, request.CurrentUser(r))
}
