package api

import (
	"encoding/json"
	"net/http"
	"rolo/ui/request"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
)

// ActivityJSON is an activity as the API shows it.
type ActivityJSON struct {
	ID              string    `json:"id"`
	Type            string    `json:"type"`
	OccurredAt      time.Time `json:"occurred_at"`
	DurationMinutes *int      `json:"duration_minutes"`
	Outcome         string    `json:"outcome"`
	Notes           string    `json:"notes"`
	UserID          *string   `json:"user_id"`
	LinkIDs
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NewActivityJSON shapes an activity for the API.
func NewActivityJSON(a app.Activity) ActivityJSON {
	out := ActivityJSON{ID: a.ID, Type: a.TypeID, OccurredAt: a.OccurredAt.UTC(), Outcome: a.Outcome, Notes: a.Body,
		UserID: nullable(a.UserID), LinkIDs: linkIDs(a.Links), Version: a.Version, CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC()}
	if a.DurationMinutes > 0 {
		d := a.DurationMinutes
		out.DurationMinutes = &d
	}
	return out
}

// activityBody is what POST and PATCH accept, in ActivityJSON's names.
type activityBody struct {
	ID              json.RawMessage `json:"id"`
	Type            string          `json:"type"`
	OccurredAt      *string         `json:"occurred_at"`
	DurationMinutes *int            `json:"duration_minutes"`
	Outcome         string          `json:"outcome"`
	Notes           string          `json:"notes"`
	UserID          *string         `json:"user_id"`
	linkBody
	Version   *int            `json:"version"`
	CreatedAt json.RawMessage `json:"created_at"`
	UpdatedAt json.RawMessage `json:"updated_at"`
}

func (b activityBody) apply(in *app.ActivityInput, m members) map[string]string {
	p := map[string]string{}
	if m.has("type") {
		in.TypeID = b.Type
	}
	if m.has("outcome") {
		in.Outcome = b.Outcome
	}
	if m.has("notes") {
		in.Body = b.Notes
	}
	if m.has("user_id") {
		in.UserID = deref(b.UserID)
	}
	if m.has("duration_minutes") {
		in.DurationMinutes = 0
		if b.DurationMinutes != nil {
			in.DurationMinutes = *b.DurationMinutes
		}
	}
	if m.has("occurred_at") {
		in.OccurredAt = time.Time{}
		if s := deref(b.OccurredAt); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				p["occurred_at"] = "error.date_invalid"
			}
			in.OccurredAt = t
		}
	}
	in.Links = b.linkBody.apply(in.Links, m)
	return p
}

func handleAPIActivityList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		v := r.URL.Query()
		q := app.ActivityQuery{TypeID: v.Get("type"), UserID: v.Get("user"), Cursor: v.Get("cursor"), Limit: queryLimit(v), Record: queryRecord(v)}
		if q.UserID == "me" {
			q.UserID = user.ID
		}
		p := map[string]string{}
		var ok bool
		loc := app.Location(user)
		if q.From, ok = parseMoment(v.Get("occurred_after"), loc); !ok {
			p["occurred_after"] = "error.date_invalid"
		}
		if q.To, ok = parseMoment(v.Get("occurred_before"), loc); !ok {
			p["occurred_before"] = "error.date_invalid"
		}
		if len(p) > 0 {
			writeAPIError(w, r, s, app.Invalid(p))
			return
		}
		list, err := s.app.ListActivities(r.Context(), user, q)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		page := PageJSON[ActivityJSON]{Data: make([]ActivityJSON, 0, len(list.Activities)), NextCursor: nullable(list.NextCursor), Total: list.Total}
		for _, a := range list.Activities {
			page.Data = append(page.Data, NewActivityJSON(a))
		}
		request.Encode(w, http.StatusOK, page)
	})
}

func handleAPIActivityCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body activityBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		var in app.ActivityInput
		if p := body.apply(&in, m); len(p) > 0 {
			writeAPIError(w, r, s, app.Invalid(p))
			return
		}
		a, err := s.app.LogActivity(r.Context(), request.CurrentUser(r), in)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if u, err := s.router.Get("api.activity").URL("id", a.ID); err == nil {
			w.Header().Set("Location", u.String())
		}
		request.Encode(w, http.StatusCreated, NewActivityJSON(a))
	})
}

func handleAPIActivityShow(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := s.app.Activity(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, NewActivityJSON(a))
	})
}

func handleAPIActivityUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		if !app.CanDo(user, app.AreaActivities, app.LevelEdit) {
			writeAPIError(w, r, s, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		var body activityBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if body.Version == nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"version": "error.version_required"}))
			return
		}
		id := mux.Vars(r)["id"]
		a, err := s.app.Activity(r.Context(), user, id)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		in := app.ActivityInput{TypeID: a.TypeID, OccurredAt: a.OccurredAt, DurationMinutes: a.DurationMinutes, Outcome: a.Outcome,
			Body: a.Body, UserID: a.UserID, Links: a.Links}
		if p := body.apply(&in, m); len(p) > 0 {
			writeAPIError(w, r, s, app.Invalid(p))
			return
		}
		if a, err = s.app.UpdateActivity(r.Context(), user, id, *body.Version, in); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, NewActivityJSON(a))
	})
}

func handleAPIActivityDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.TrashActivity(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// activityTypeJSON is an activity type as the API lists it.
type activityTypeJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Icon        string `json:"icon"`
	Color       string `json:"color"`
	HasDuration bool   `json:"has_duration"`
	Archived    bool   `json:"archived"`
}

func handleAPIActivityTypes(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := s.catalog.Language(r, request.CurrentUser(r))
		types, err := s.app.ActivityTypes(r.Context(), request.CurrentUser(r))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := struct {
			Data []activityTypeJSON `json:"data"`
		}{Data: []activityTypeJSON{}}
		for _, t := range types {
			out.Data = append(out.Data, activityTypeJSON{ID: t.ID, Name: s.catalog.ActivityTypeName(lang, t), Icon: t.Icon, Color: t.Color, HasDuration: t.HasDuration, Archived: t.Archived()})
		}
		request.Encode(w, http.StatusOK, out)
	})
}
