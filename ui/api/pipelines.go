package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// PipelineJSON is a pipeline with its stages in order, names in the
// caller's language.
type PipelineJSON struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	Position int         `json:"position"`
	Archived bool        `json:"archived"`
	Stages   []StageJSON `json:"stages"`
	Version  int         `json:"version"` // what a PATCH sends back
}

// StageJSON is one stage of a pipeline.
type StageJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Probability int    `json:"probability"`
	Position    int    `json:"position"`
	Kind        string `json:"kind"`
	RotDays     *int   `json:"rot_days"`
	Archived    bool   `json:"archived"`
	Version     int    `json:"version"` // what a PATCH sends back
}

// handleAPIPipelines answers GET /api/v1/pipelines: every pipeline in use,
// in order, each with its ordered stages. Pipelines are few: no paging.
func handleAPIPipelines(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		list, err := s.app.Pipelines(r.Context(), user)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		lang := s.catalog.Language(r, user)
		data := make([]PipelineJSON, 0, len(list))
		for _, p := range list {
			data = append(data, s.pipelineJSON(lang, p))
		}
		request.Encode(w, http.StatusOK, struct {
			Data []PipelineJSON `json:"data"`
		}{data})
	})
}

func (s *apiSite) pipelineJSON(lang string, p app.Pipeline) PipelineJSON {
	out := PipelineJSON{ID: p.ID, Name: s.catalog.PipelineName(lang, p), Position: p.Position, Archived: p.Archived(), Stages: []StageJSON{}, Version: p.Version}
	for _, st := range p.Stages {
		out.Stages = append(out.Stages, s.stageJSON(lang, st))
	}
	return out
}

func (s *apiSite) stageJSON(lang string, st app.Stage) StageJSON {
	j := StageJSON{ID: st.ID, Name: s.catalog.StageName(lang, st), Probability: st.Probability, Position: st.Position, Kind: st.Kind,
		Archived: st.Archived(), Version: st.Version}
	if st.RotDays > 0 {
		j.RotDays = &st.RotDays
	}
	return j
}
