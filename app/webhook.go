package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"time"

	"rolo/store"
)

// Webhook is an outgoing webhook endpoint, with its events decoded.
type Webhook struct {
	store.Webhook
	EventList []string
}

func toWebhook(w store.Webhook) Webhook {
	out := Webhook{Webhook: w}
	_ = json.Unmarshal([]byte(w.Events), &out.EventList) // only app writes it
	return out
}

func (w Webhook) wants(event string) bool {
	for _, e := range w.EventList {
		if e == "*" || e == event {
			return true
		}
	}
	return false
}

// WebhookInput is what an admin says about a new endpoint.
type WebhookInput struct {
	URL         string
	Description string
	Events      []string // empty or "*": all
}

// NewWebhook is an endpoint just made: its secret is shown this once.
type NewWebhook struct {
	Webhook
}

// webhookSecretPrefix is the Standard Webhooks marker of a signing secret.
const webhookSecretPrefix = "whsec_"

func newWebhookSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return webhookSecretPrefix + base64.StdEncoding.EncodeToString(b)
}

// checkWebhookURL allows only absolute http(s) URLs with a host; where
// they may point is checked when delivering, against the resolved address.
func checkWebhookURL(raw string) (string, string) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(raw) > 2000 {
		return "", "error.webhook_url_invalid"
	}
	return u.String(), ""
}

// CreateWebhook subscribes a URL to events.
func (a *App) CreateWebhook(ctx context.Context, actor Actor, in WebhookInput) (NewWebhook, error) {
	if err := a.can(actor, AreaIntegrations, LevelCreate); err != nil {
		return NewWebhook{}, err
	}
	u, desc, events, p := checkWebhookInput(in)
	if len(p) > 0 {
		return NewWebhook{}, Invalid(p)
	}
	body, _ := json.Marshal(events)
	w := store.Webhook{ID: a.cfg.NewID(), URL: u, Description: desc, Events: string(body), Secret: newWebhookSecret(), Enabled: true, CreatedBy: actorID(actor), Version: 1}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.InsertWebhook(ctx, tx, w, actorID(actor)); err != nil {
			return err
		}
		w.CreatedAt, w.UpdatedAt = tx.Now, tx.Now
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionWebhookCreated, Entity: "webhook", ID: w.ID,
			Details: map[string]any{"url": u, "events": events}})
	})
	a.hooks.forget()
	if err != nil {
		return NewWebhook{}, err
	}
	return NewWebhook{toWebhook(w)}, nil
}

// Webhooks lists actor's endpoints, or everyone's for those who manage
// integrations (their secrets stay in the database).
func (a *App) Webhooks(ctx context.Context, actor Actor) ([]Webhook, error) {
	if err := a.can(actor, AreaIntegrations, LevelCreate); err != nil {
		return nil, err
	}
	everyone := a.can(actor, AreaIntegrations, LevelManage) == nil
	list, err := store.Webhooks(ctx, a.db.Reader())
	out := make([]Webhook, 0, len(list))
	for _, w := range list {
		if everyone || w.CreatedBy == actorID(actor) {
			out = append(out, toWebhook(w))
		}
	}
	return out, err
}

// Webhook loads one endpoint.
func (a *App) Webhook(ctx context.Context, actor Actor, id string) (Webhook, error) {
	w, err := a.checkWebhookOwner(ctx, a.db.Reader(), actor, id)
	return toWebhook(w), err
}

// SetWebhookEnabled switches an endpoint on (forgetting its failures) or off.
func (a *App) SetWebhookEnabled(ctx context.Context, actor Actor, id string, enabled bool) error {
	if _, err := a.checkWebhookOwner(ctx, a.db.Reader(), actor, id); err != nil {
		return err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.SetWebhookEnabled(ctx, tx, id, enabled, ""); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errorf(ENotFound, "error.webhook_not_found")
			}
			return err
		}
		action := ActionWebhookEnabled
		if !enabled {
			action = ActionWebhookDisabled
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "webhook", ID: id})
	})
	a.hooks.forget()
	return err
}

// DeleteWebhook removes an endpoint with its outbox and delivery log.
func (a *App) DeleteWebhook(ctx context.Context, actor Actor, id string) error {
	if _, err := a.checkWebhookOwner(ctx, a.db.Reader(), actor, id); err != nil {
		return err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.DeleteWebhook(ctx, tx, id); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errorf(ENotFound, "error.webhook_not_found")
			}
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionWebhookDeleted, Entity: "webhook", ID: id})
	})
	a.hooks.forget()
	return err
}

// WebhookPayload is the JSON body of a delivery: the Standard Webhooks
// shape (type, timestamp, data).
type WebhookPayload struct {
	Type      string    `json:"type"`
	Timestamp time.Time `json:"timestamp"`
	Data      Event     `json:"data"`
}

// enqueueWebhook puts ev in the outbox for one endpoint, in tx: the event
// leaves only if the change it reports is saved, and only if the
// endpoint's owner may see the record (every path to the outbox passes
// here, rules' webhook actions included).
func (a *App) enqueueWebhook(ctx context.Context, tx *store.Tx, webhookID string, ev Event) error {
	w, err := store.WebhookByID(ctx, tx, webhookID)
	if err != nil {
		return err
	}
	if sees, err := a.webhookSees(ctx, tx, w.CreatedBy, ev); err != nil || !sees {
		return err
	}
	id := "msg_" + a.cfg.NewID()
	ev.ID = id
	body, err := json.Marshal(WebhookPayload{Type: ev.Type, Timestamp: tx.Now, Data: ev})
	if err != nil {
		return err
	}
	return store.InsertWebhookMessage(ctx, tx, store.WebhookMessage{ID: id, WebhookID: webhookID, Event: ev.Type, Payload: string(body)})
}

// WebhookMessages lists an endpoint's latest messages.
func (a *App) WebhookMessages(ctx context.Context, actor Actor, webhookID string, limit int) ([]store.WebhookMessage, error) {
	if _, err := a.checkWebhookOwner(ctx, a.db.Reader(), actor, webhookID); err != nil {
		return nil, err
	}
	return store.WebhookMessagesOf(ctx, a.db.Reader(), webhookID, limit)
}

// WebhookDeliveries lists a message's delivery attempts.
func (a *App) WebhookDeliveries(ctx context.Context, actor Actor, messageID string) ([]store.Delivery, error) {
	if err := a.can(actor, AreaIntegrations, LevelCreate); err != nil {
		return nil, err
	}
	m, err := store.WebhookMessageByID(ctx, a.db.Reader(), messageID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errorf(ENotFound, "error.webhook_not_found")
	}
	if err != nil {
		return nil, err
	}
	if _, err := a.checkWebhookOwner(ctx, a.db.Reader(), actor, m.WebhookID); err != nil {
		return nil, err
	}
	return store.DeliveriesOf(ctx, a.db.Reader(), messageID)
}

// ResendWebhookMessage puts a delivered or failed message back in the
// outbox, due now, with the same id (receivers de-duplicate on it).
func (a *App) ResendWebhookMessage(ctx context.Context, actor Actor, messageID string) error {
	if err := a.can(actor, AreaIntegrations, LevelCreate); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		m, err := store.WebhookMessageByID(ctx, tx, messageID)
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.webhook_not_found")
		}
		if err != nil {
			return err
		}
		if _, err := a.checkWebhookOwner(ctx, tx, actor, m.WebhookID); err != nil {
			return err
		}
		if err := store.SetWebhookMessage(ctx, tx, m.ID, "pending", m.Attempts, tx.Now); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionWebhookResent, Entity: "webhook", ID: m.WebhookID,
			Details: map[string]any{"message": m.ID}})
	})
}

// AllowPrivateWebhooks tells whether webhooks may reach loopback and
// private-network addresses (the setting "webhooks.allow_private").
func (a *App) AllowPrivateWebhooks(ctx context.Context) bool {
	v, _ := store.Setting(ctx, a.db.Reader(), "webhooks.allow_private", "")
	return v == "1"
}

// SetAllowPrivateWebhooks changes that setting (admins only): a CRM on an
// office network may well post to a machine next to it, but by default a
// webhook cannot be used to probe the LAN.
func (a *App) SetAllowPrivateWebhooks(ctx context.Context, actor Actor, allow bool) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	v := ""
	if allow {
		v = "1"
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutSetting(ctx, tx, "webhooks.allow_private", v); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSettingsUpdated, Entity: "settings", ID: "webhooks.allow_private",
			Details: map[string]any{"value": allow}})
	})
}
