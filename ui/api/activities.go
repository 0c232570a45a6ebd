package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"rolo/app"
	"rolo/ui/request"
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
	set(m, "type", &in.TypeID, b.Type)
	set(m, "outcome", &in.Outcome, b.Outcome)
	set(m, "notes", &in.Body, b.Notes)
	set(m, "user_id", &in.UserID, deref(b.UserID))
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

func (b activityBody) version() *int { return b.Version }

// activityInputOf is the input that would save a as it is.
func activityInputOf(a app.Activity) app.ActivityInput {
	return app.ActivityInput{TypeID: a.TypeID, OccurredAt: a.OccurredAt, DurationMinutes: a.DurationMinutes, Outcome: a.Outcome,
		Body: a.Body, UserID: a.UserID, Links: a.Links}
}

// listActivities answers GET /activities: filters type, user (an id or
// "me"), occurred_after and occurred_before, and a linked record.
func listActivities(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
	q := app.ActivityQuery{TypeID: v.Get("type"), UserID: v.Get("user"), Cursor: v.Get("cursor"), Limit: queryLimit(v), Record: queryRecord(v)}
	if q.UserID == "me" {
		q.UserID = actor.ID
	}
	p := map[string]string{}
	q.From, q.To = queryPeriod(v, app.Location(actor), "occurred_after", "occurred_before", p)
	if len(p) > 0 {
		return nil, app.Invalid(p)
	}
	list, err := a.ListActivities(ctx, actor, q)
	if err != nil {
		return nil, err
	}
	return pageOf(list.Activities, list.NextCursor, list.Total, NewActivityJSON), nil
}

// activityTypeJSON is an activity type as the API lists it.
type activityTypeJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Icon        string `json:"icon"`
	Color       string `json:"color"`
	HasDuration bool   `json:"has_duration"`
	Archived    bool   `json:"archived"`
	Version     int    `json:"version"` // what a PATCH sends back
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
			out.Data = append(out.Data, activityTypeJSON{ID: t.ID, Name: s.catalog.ActivityTypeName(lang, t), Icon: t.Icon, Color: t.Color, HasDuration: t.HasDuration, Archived: t.Archived(), Version: t.Version})
		}
		request.Encode(w, http.StatusOK, out)
	})
}
