package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// FieldJSON is a custom field definition as the API shows it.
type FieldJSON struct {
	ID       string       `json:"id"`
	Entity   string       `json:"entity"`
	Key      string       `json:"key"`
	Label    string       `json:"label"`
	Type     string       `json:"type"`
	Help     string       `json:"help"`
	Required bool         `json:"required"`
	Group    string       `json:"group"`
	Position int          `json:"position"`
	Currency string       `json:"currency,omitempty"`
	Options  []OptionJSON `json:"options,omitempty"`
	Version  int          `json:"version"` // what a PATCH sends back
}

// OptionJSON is one choice of a select field.
type OptionJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// NewFieldJSON shapes a definition for the API.
func NewFieldJSON(f app.CustomField) FieldJSON {
	out := FieldJSON{ID: f.ID, Entity: f.Entity, Key: f.Key, Label: f.Label, Type: f.Type, Help: f.Help,
		Required: f.Required, Group: f.Group, Position: f.Position, Currency: f.Currency, Version: f.Version}
	for _, o := range f.Options {
		out.Options = append(out.Options, OptionJSON{ID: o.ID, Label: o.Label})
	}
	return out
}

// handleAPIFields lists custom field definitions: every entity's, or one
// entity's with ?entity=contact|company|deal.
func handleAPIFields(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entities := app.FieldEntities
		if e := r.URL.Query().Get("entity"); e != "" {
			entities = []string{e}
		}
		out := []FieldJSON{}
		for _, e := range entities {
			fields, err := s.app.FieldsFor(r.Context(), request.CurrentUser(r), e)
			if err != nil {
				writeAPIError(w, r, s, err)
				return
			}
			for _, f := range fields {
				out = append(out, NewFieldJSON(f))
			}
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}
