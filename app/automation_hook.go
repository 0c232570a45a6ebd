package app

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"rolo/store"
)

// Event is something that happened to a record: what rules start on and
// webhooks carry. Field, From and To are set for field changes, Tag for tag
// events, To for stage moves (the stage) and lifecycle changes (the status).
type Event struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Entity   string `json:"entity"`
	EntityID string `json:"entity_id"`
	Field    string `json:"field,omitempty"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Tag      string `json:"tag,omitempty"`
	ActorID  string `json:"actor_id,omitempty"`
	// Actor says who made the change: a user, or a rule, web form,
	// import batch, the scheduler or the command line (see Origin).
	Actor *EventActor `json:"actor,omitempty"`
	// owner is who a new record was given to, for their notification.
	owner string
}

// hooks caches the enabled rules and webhook endpoints by event, so a write
// that no rule cares about costs a map lookup. Writes to rules and webhooks
// forget the cache; the next event reloads it.
type hooks struct {
	mu       sync.Mutex
	set      atomic.Pointer[hookSet]
	lastPass atomic.Pointer[SchedulerPass]
	forms    formLimiter // web-form submissions per form and address
}

type hookSet struct {
	rules    map[string][]Rule
	webhooks []Webhook
	scoring  []ScoreRule
}

func (h *hooks) forget() { h.set.Store(nil) }

func (a *App) hookSet(ctx context.Context) (*hookSet, error) {
	if hs := a.hooks.set.Load(); hs != nil {
		return hs, nil
	}
	a.hooks.mu.Lock()
	defer a.hooks.mu.Unlock()
	if hs := a.hooks.set.Load(); hs != nil {
		return hs, nil
	}
	hs := &hookSet{rules: map[string][]Rule{}}
	stored, err := store.Rules(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	for _, s := range stored {
		if !s.Enabled {
			continue
		}
		r, err := toRule(s)
		if err != nil {
			return nil, err
		}
		hs.rules[r.Trigger.Event] = append(hs.rules[r.Trigger.Event], r)
	}
	hooks, err := store.Webhooks(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	for _, w := range hooks {
		if w.Enabled {
			hs.webhooks = append(hs.webhooks, toWebhook(w))
		}
	}
	if hs.scoring, err = store.ScoreRules(ctx, a.db.Reader()); err != nil {
		return nil, err
	}
	a.hooks.set.Store(hs)
	return hs, nil
}

// chain is the rules running in the context: their depth and IDs, so a
// rule's own changes do not start it again and chains of rules stop.
type chain struct {
	depth int
	rules []string
}

type chainKey struct{}

func chainOf(ctx context.Context) chain {
	c, _ := ctx.Value(chainKey{}).(chain)
	return c
}

func (c chain) has(id string) bool {
	for _, r := range c.rules {
		if r == id {
			return true
		}
	}
	return false
}

// maxRuleDepth bounds how many rules may start one another from one change.
const maxRuleDepth = 5

// fire delivers one event to notifications, webhooks and rules.
func (a *App) fire(ctx context.Context, tx *store.Tx, hs *hookSet, ev Event) error {
	if ev.owner != "" && ev.owner != ev.ActorID {
		if err := a.notify(ctx, tx, ev.owner, "assigned", ev.Entity, ev.EntityID); err != nil {
			return err
		}
	}
	if ev.Type == "field.changed" && ev.Field == "owner_id" && ev.To != "" && ev.To != ev.ActorID {
		if err := a.notify(ctx, tx, ev.To, "assigned", ev.Entity, ev.EntityID); err != nil {
			return err
		}
	}
	if ev.Type == "activity.logged" {
		if err := a.notifyMentions(ctx, tx, ev); err != nil {
			return err
		}
	}
	if err := a.scoreAffected(ctx, tx, hs, ev); err != nil {
		return err
	}
	if err := a.toWebhooks(ctx, tx, hs, ev); err != nil {
		return err
	}
	rc := newRecordCache(ctx, tx, ev)
	for _, r := range hs.rules[ev.Type] {
		if !r.Trigger.matches(ev) {
			continue
		}
		if err := a.runRule(ctx, tx, r, ev, false, rc); err != nil {
			return err
		}
	}
	return nil
}

// toWebhooks puts the event in the outbox of every endpoint that wants it.
func (a *App) toWebhooks(ctx context.Context, tx *store.Tx, hs *hookSet, ev Event) error {
	for _, w := range hs.webhooks {
		if w.wants(ev.Type) {
			if err := a.enqueueWebhook(ctx, tx, w.ID, ev); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t Trigger) matches(ev Event) bool {
	switch ev.Type {
	case "field.changed":
		return (t.Field == "" || t.Field == ev.Field) && (t.Value == "" || strings.EqualFold(t.Value, ev.To))
	case "tag.added", "tag.removed":
		return t.Value == "" || strings.EqualFold(t.Value, ev.Tag)
	case "deal.moved", "lifecycle.changed", "form.submitted":
		return t.Value == "" || strings.EqualFold(t.Value, ev.To)
	case "contact.inactive", "date.arriving", "task.overdue":
		return true // the scheduler chose the rule; its value is the days
	case "score.changed":
		// A threshold fires when the score rises to or past it.
		limit, err := strconv.Atoi(t.Value)
		if err != nil {
			return true
		}
		from, _ := strconv.Atoi(ev.From)
		to, _ := strconv.Atoi(ev.To)
		return from < limit && to >= limit
	}
	return true
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
