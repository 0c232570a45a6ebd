package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

type webhookJSON struct {
	ID             string    `json:"id"`
	URL            string    `json:"url"`
	Description    string    `json:"description"`
	Events         []string  `json:"events"`
	Enabled        bool      `json:"enabled"`
	Failures       int       `json:"failures"`
	DisabledReason string    `json:"disabled_reason"`
	CreatedAt      time.Time `json:"created_at"`
	// OwnerID is who added it: it carries only what they may see.
	OwnerID string `json:"owner_id"`
	// Secret is in the answer to the creation only.
	Secret string `json:"secret,omitempty"`
	// Version is what a PATCH of the URL, description or events sends back.
	Version int `json:"version"`
}

func webhookOf(wh app.Webhook) webhookJSON {
	return webhookJSON{ID: wh.ID, URL: wh.URL, Description: wh.Description, Events: wh.EventList, Enabled: wh.Enabled, Failures: wh.Failures,
		DisabledReason: wh.DisabledReason, CreatedAt: wh.CreatedAt, OwnerID: wh.CreatedBy, Version: wh.Version}
}

// handleAPIWebhookList answers GET /api/v1/webhooks.
func handleAPIWebhookList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		list, err := s.app.Webhooks(r.Context(), request.CurrentUser(r))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []webhookJSON{}
		for _, wh := range list {
			out = append(out, webhookOf(wh))
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}

// handleAPIWebhookCreate answers POST /api/v1/webhooks; the signing secret
// is in this answer only.
func handleAPIWebhookCreate(s *apiSite) http.Handler {
	type body struct {
		URL         string   `json:"url"`
		Description string   `json:"description"`
		Events      []string `json:"events"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaIntegrations, app.LevelCreate) {
			return
		}
		var b body
		if _, err := decodeBody(w, r, &b); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		wh, err := s.app.CreateWebhook(r.Context(), request.CurrentUser(r), app.WebhookInput{URL: b.URL, Description: b.Description, Events: b.Events})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := webhookOf(wh.Webhook)
		out.Secret = wh.Secret
		w.Header().Set("Cache-Control", "no-store")
		request.Encode(w, http.StatusCreated, out)
	})
}

// WebhookPatch changes an endpoint; absent members stay. Its secret
// never changes.
type WebhookPatch struct {
	URL         *string   `json:"url"`
	Description *string   `json:"description"`
	Events      *[]string `json:"events"` // ["*"] or [] for every event
	Enabled     *bool     `json:"enabled"`
	Version     *int      `json:"version"` // the version read: checked when url, description or events change
}

// handleAPIWebhookUpdate answers PATCH /api/v1/webhooks/{id}: its URL,
// description, events, or switch it on (forgetting its failures) or off.
func handleAPIWebhookUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaIntegrations, app.LevelCreate) {
			return
		}
		var b WebhookPatch
		if _, err := decodeBody(w, r, &b); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		wh, err := s.app.UpdateWebhook(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"],
			app.WebhookChange{URL: b.URL, Description: b.Description, Events: b.Events, Enabled: b.Enabled, Version: b.Version})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, webhookOf(wh))
	})
}

// handleAPIWebhookDelete answers DELETE /api/v1/webhooks/{id}.
func handleAPIWebhookDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.DeleteWebhook(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

type deliveryJSON struct {
	Attempt    int       `json:"attempt"`
	StatusCode int       `json:"status_code"`
	Error      string    `json:"error"`
	DurationMS int       `json:"duration_ms"`
	At         time.Time `json:"at"`
}

type messageJSON struct {
	ID         string         `json:"id"`
	Event      string         `json:"event"`
	Status     string         `json:"status"`
	Attempts   int            `json:"attempts"`
	NextAt     time.Time      `json:"next_attempt_at"`
	CreatedAt  time.Time      `json:"created_at"`
	Deliveries []deliveryJSON `json:"deliveries"`
}

// handleAPIWebhookMessages answers GET /api/v1/webhooks/{id}/messages:
// the delivery log.
func handleAPIWebhookMessages(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		if _, err := s.app.Webhook(r.Context(), request.CurrentUser(r), id); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		msgs, err := s.app.WebhookMessages(r.Context(), request.CurrentUser(r), id, 50)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []messageJSON{}
		for _, m := range msgs {
			log, err := s.app.WebhookDeliveries(r.Context(), request.CurrentUser(r), m.ID)
			if err != nil {
				writeAPIError(w, r, s, err)
				return
			}
			mj := messageJSON{ID: m.ID, Event: m.Event, Status: m.Status, Attempts: m.Attempts, NextAt: m.NextAttemptAt, CreatedAt: m.CreatedAt, Deliveries: []deliveryJSON{}}
			for _, d := range log {
				mj.Deliveries = append(mj.Deliveries, deliveryJSON{Attempt: d.Attempt, StatusCode: d.StatusCode, Error: d.Error, DurationMS: d.DurationMS, At: d.At})
			}
			out = append(out, mj)
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}

// handleAPIWebhookResend answers POST /api/v1/webhook-messages/{id}/resend.
func handleAPIWebhookResend(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.ResendWebhookMessage(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	})
}
