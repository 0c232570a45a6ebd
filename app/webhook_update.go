package app

import (
	"context"
	"encoding/json"
	"errors"

	"rolo/store"
)

// checkWebhookInput cleans what an admin says about an endpoint: its URL,
// description and events ("*" or none for all), with the problems by
// field.
func checkWebhookInput(in WebhookInput) (u, desc string, events []string, p map[string]string) {
	p = map[string]string{}
	u, problem := checkWebhookURL(in.URL)
	if problem != "" {
		p["url"] = problem
	}
	desc, problem = cleanText(in.Description, 300, false)
	if problem != "" {
		p["description"] = problem
	}
	events = []string{}
	for _, e := range in.Events {
		switch {
		case e == "*":
			events = []string{"*"}
		case contains(Events, e):
			events = append(events, e)
		default:
			p["events"] = "error.rule_event_invalid"
		}
		if len(events) == 1 && events[0] == "*" {
			break
		}
	}
	if len(events) == 0 {
		events = []string{"*"}
	}
	return u, desc, events, p
}

// WebhookChange changes an endpoint; nil members stay. Its secret never
// changes: a new one is a new endpoint. Version, the one read, is checked
// when the change names the URL, description or events; switching on or
// off is idempotent and needs none.
type WebhookChange struct {
	URL         *string
	Description *string
	Events      *[]string
	Enabled     *bool
	Version     *int
}

// UpdateWebhook changes an endpoint's URL, description, events or switch,
// for its owner or those who manage integrations. Switching it on forgets
// its failures, as SetWebhookEnabled does.
func (a *App) UpdateWebhook(ctx context.Context, actor Actor, id string, ch WebhookChange) (Webhook, error) {
	if _, err := a.checkWebhookOwner(ctx, a.db.Reader(), actor, id); err != nil {
		return Webhook{}, err
	}
	var saved store.Webhook
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		w, err := store.WebhookByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.webhook_not_found")
		}
		if err != nil {
			return err
		}
		if ch.URL != nil || ch.Description != nil || ch.Events != nil {
			if err := stale(w.Version, ch.Version); err != nil {
				return err
			}
		}
		old := toWebhook(w)
		in := WebhookInput{URL: w.URL, Description: w.Description, Events: old.EventList}
		applyChange(&in.URL, ch.URL)
		applyChange(&in.Description, ch.Description)
		applyChange(&in.Events, ch.Events)
		u, desc, events, p := checkWebhookInput(in)
		if len(p) > 0 {
			return Invalid(p)
		}
		body, _ := json.Marshal(events)
		w.URL, w.Description, w.Events = u, desc, string(body)
		if err := store.UpdateWebhook(ctx, tx, w); err != nil {
			return err
		}
		changes := diffFields(map[string]string{"url": old.URL, "description": old.Description, "events": old.Events},
			map[string]string{"url": w.URL, "description": w.Description, "events": w.Events})
		if len(changes) > 0 {
			if err := a.record(ctx, tx, actorID(actor), Change{Action: ActionWebhookUpdated, Entity: "webhook", ID: id, Changes: changes}); err != nil {
				return err
			}
		}
		if ch.Enabled != nil && *ch.Enabled != w.Enabled {
			if err := store.SetWebhookEnabled(ctx, tx, id, *ch.Enabled, ""); err != nil {
				return err
			}
			action := ActionWebhookEnabled
			if !*ch.Enabled {
				action = ActionWebhookDisabled
			}
			if err := a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "webhook", ID: id}); err != nil {
				return err
			}
		}
		saved, err = store.WebhookByID(ctx, tx, id)
		return err
	})
	a.hooks.forget()
	if err != nil {
		return Webhook{}, err
	}
	return toWebhook(saved), nil
}
