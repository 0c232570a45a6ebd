package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Custom field definitions as the settings page changes them: add,
// change (label, type, help, required, group, position, currency,
// options), delete. Admins only, as on the page; the app checks again.

// FieldInput adds a custom field. The key defaults to a slug of the
// label and never changes.
type FieldInput struct {
	Entity   string        `json:"entity"` // contact, company or deal
	Key      string        `json:"key"`
	Label    string        `json:"label"`
	Type     string        `json:"type"`
	Help     string        `json:"help"`
	Required bool          `json:"required"`
	Group    string        `json:"group"`
	Position int           `json:"position"`
	Currency string        `json:"currency"`
	Options  []OptionInput `json:"options"`
}

// OptionInput is one choice of a select field: with the id of an
// existing option it renames that option; without, it is a new one.
type OptionInput struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// FieldPatch changes a field at the version last read; absent members
// stay. options, when sent, is the whole list in order: an existing
// option left out is removed, refused with 409 while records still choose
// it.
type FieldPatch struct {
	Version  *int           `json:"version"`
	Label    *string        `json:"label"`
	Type     *string        `json:"type"`
	Help     *string        `json:"help"`
	Required *bool          `json:"required"`
	Group    *string        `json:"group"`
	Position *int           `json:"position"`
	Currency *string        `json:"currency"`
	Options  *[]OptionInput `json:"options"`
}

func optionsOf(in []OptionInput) []app.FieldOption {
	out := make([]app.FieldOption, 0, len(in))
	for _, o := range in {
		out = append(out, app.FieldOption{ID: o.ID, Label: o.Label})
	}
	return out
}

func handleAPIFieldCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in FieldInput
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		f, err := s.app.CreateCustomField(r.Context(), request.CurrentUser(r), in.Entity, app.FieldInput{Key: in.Key, Label: in.Label, Type: in.Type,
			Help: in.Help, Required: in.Required, Group: in.Group, Position: in.Position, Currency: in.Currency, Options: optionsOf(in.Options)})
		if err == nil {
			w.Header().Set("Location", s.path("api.field", "id", f.ID))
		}
		answer(w, r, s, http.StatusCreated, NewFieldJSON(f), err)
	})
}

func handleAPIField(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := s.app.CustomField(r.Context(), mux.Vars(r)["id"])
		answer(w, r, s, http.StatusOK, NewFieldJSON(f), err)
	})
}

func handleAPIFieldUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in FieldPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		version, ok := versionOf(w, r, s, in.Version)
		if !ok {
			return
		}
		f, err := s.app.PatchCustomField(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], version, func(next *app.FieldInput) {
			applyPatch(&next.Label, in.Label)
			applyPatch(&next.Type, in.Type)
			applyPatch(&next.Help, in.Help)
			applyPatch(&next.Required, in.Required)
			applyPatch(&next.Group, in.Group)
			applyPatch(&next.Position, in.Position)
			applyPatch(&next.Currency, in.Currency)
			if in.Options != nil {
				next.Options = optionsOf(*in.Options)
			}
		})
		answer(w, r, s, http.StatusOK, NewFieldJSON(f), err)
	})
}

// handleAPIFieldDelete removes a field with its values; the audit log
// keeps both, and the settings page can bring them back.
func handleAPIFieldDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		noContent(w, r, s, s.app.DeleteCustomField(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]))
	})
}
