package web

import "rolo/app"

// stageChoice is one stage in a select, grouped by pipeline.
type stageChoice struct {
	ID   string
	Name string
	Kind string
}

// pipelineChoice is a pipeline with the stages a deal may enter.
type pipelineChoice struct {
	ID       string
	Name     string
	Archived bool
	Stages   []stageChoice
}

// pipelineChoices lists the pipelines and stages a deal can be put in:
// neither archived, except current (the deal's own stage), so a form
// shows what is stored.
func (s *site) pipelineChoices(lang string, pipelines []app.Pipeline, current string) []pipelineChoice {
	var out []pipelineChoice
	for _, p := range pipelines {
		c := pipelineChoice{ID: p.ID, Name: s.catalog.PipelineName(lang, p), Archived: p.Archived()}
		for _, st := range p.Stages {
			if (st.Archived() || p.Archived()) && st.ID != current {
				continue
			}
			c.Stages = append(c.Stages, stageChoice{ID: st.ID, Name: s.catalog.StageName(lang, st), Kind: st.Kind})
		}
		if len(c.Stages) > 0 {
			out = append(out, c)
		}
	}
	return out
}
