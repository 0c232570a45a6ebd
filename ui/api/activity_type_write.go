package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Activity types as the activity settings change them: add, and change
// name, icon, colour, duration or archive one. Admins only, as on the
// page; the app checks again.

// ActivityTypeInput adds an activity type at the end of the menu.
type ActivityTypeInput struct {
	Name        string `json:"name"`
	Icon        string `json:"icon"`  // one emoji or symbol
	Color       string `json:"color"` // #rgb or #rrggbb
	HasDuration bool   `json:"has_duration"`
}

// ActivityTypePatch changes a type at the version last read; absent
// members stay. A built-in type keeps its translated name unless name is
// sent.
type ActivityTypePatch struct {
	Version     *int    `json:"version"`
	Name        *string `json:"name"`
	Icon        *string `json:"icon"`
	Color       *string `json:"color"`
	HasDuration *bool   `json:"has_duration"`
	Archived    *bool   `json:"archived"`
}

func (s *apiSite) activityTypeJSON(r *http.Request, t app.ActivityType) activityTypeJSON {
	return activityTypeJSON{ID: t.ID, Name: s.catalog.ActivityTypeName(s.lang(r), t), Icon: t.Icon, Color: t.Color, HasDuration: t.HasDuration, Archived: t.Archived(), Version: t.Version}
}

// activityTypeOf finds the type id among them all, archived ones too.
func (s *apiSite) activityTypeOf(r *http.Request, id string) (app.ActivityType, error) {
	types, err := s.app.ActivityTypes(r.Context(), request.CurrentUser(r))
	if err != nil {
		return app.ActivityType{}, err
	}
	for _, t := range types {
		if t.ID == id {
			return t, nil
		}
	}
	return app.ActivityType{}, &app.Error{Code: app.ENotFound, Message: "error.activity_type_not_found"}
}

func handleAPIActivityTypeCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in ActivityTypeInput
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		t, err := s.app.CreateActivityType(r.Context(), request.CurrentUser(r), app.ActivityTypeInput{Name: in.Name, Icon: in.Icon, Color: in.Color, HasDuration: in.HasDuration})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.Header().Set("Location", s.path("api.activity_type", "id", t.ID))
		request.Encode(w, http.StatusCreated, s.activityTypeJSON(r, t))
	})
}

func handleAPIActivityType(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.activityTypeOf(r, mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.activityTypeJSON(r, t))
	})
}

func handleAPIActivityTypeUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in ActivityTypePatch
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		version, ok := versionOf(w, r, s, in.Version)
		if !ok {
			return
		}
		t, err := s.app.PatchActivityType(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], version, func(next *app.ActivityTypeInput) {
			applyPatch(&next.Name, in.Name)
			applyPatch(&next.Icon, in.Icon)
			applyPatch(&next.Color, in.Color)
			applyPatch(&next.HasDuration, in.HasDuration)
			applyPatch(&next.Archived, in.Archived)
		})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.activityTypeJSON(r, t))
	})
}
