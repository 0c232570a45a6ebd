package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"rolo/store"
)

// record is the record an event is about, flattened for conditions and
// actions.
type record struct {
	Entity  string
	ID      string
	Name    string
	OwnerID string
	Fields  map[string]string
	Tags    []string
	Stages  []string // for scoring: stages of the contact's deals
	// contact is the stored contact behind a contact record, so an action
	// that edits it need not read it again.
	contact *store.Contact
}

func tagNames(tags []store.Tag) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		out = append(out, t.Name)
	}
	return out
}

// recordCache loads the record an event is about once for all the rules
// that look at it, until a rule's actions change it.
type recordCache struct {
	ctx    context.Context
	tx     *store.Tx
	entity string
	id     string
	rec    *record
}

func newRecordCache(ctx context.Context, tx *store.Tx, ev Event) *recordCache {
	return &recordCache{ctx: ctx, tx: tx, entity: ev.Entity, id: ev.EntityID}
}

func (c *recordCache) get() (record, error) {
	if c.rec != nil {
		return *c.rec, nil
	}
	rec, err := loadRecord(c.ctx, c.tx, c.entity, c.id)
	if err != nil {
		return rec, err
	}
	c.rec = &rec
	return rec, nil
}

func (c *recordCache) reset() { c.rec = nil }

// loadRecord reads the record an event is about inside tx.
func loadRecord(ctx context.Context, tx *store.Tx, entity, id string) (record, error) {
	rec := record{Entity: entity, ID: id}
	switch entity {
	case "contact":
		c, err := store.ContactByID(ctx, tx, id)
		if err != nil {
			return rec, err
		}
		rec.Name, rec.OwnerID, rec.Fields, rec.Tags, rec.contact = c.DisplayName, c.OwnerID, contactFields(c), tagNames(c.Tags), &c
		rec.Fields["country"] = c.Address.Country
		rec.Fields["city"] = c.Address.City
		rec.Fields["score"] = strconv.Itoa(contactScore(ctx, tx, id))
		if len(c.Emails) > 0 {
			rec.Fields["email"] = c.Emails[0].Value
		}
	case "company":
		c, err := store.CompanyByID(ctx, tx, id)
		if err != nil {
			return rec, err
		}
		rec.Name, rec.OwnerID, rec.Fields, rec.Tags = c.Name, c.OwnerID, companyFields(c), tagNames(c.Tags)
		rec.Fields["country"] = c.Address.Country
	case "deal":
		d, err := store.DealByID(ctx, tx, id)
		if err != nil {
			return rec, err
		}
		rec.Name, rec.OwnerID, rec.Fields, rec.Tags = d.Title, d.OwnerID, dealFields(d), tagNames(d.Tags)
		rec.Fields["pipeline_id"] = d.PipelineID
		rec.Fields["value"] = strconv.FormatInt(d.Value, 10)
	case "task":
		t, err := store.TaskByID(ctx, tx, id)
		if err != nil {
			return rec, err
		}
		rec.Name, rec.OwnerID = t.Title, t.AssigneeID
		rec.Fields = map[string]string{"title": t.Title, "priority": t.Priority, "owner_id": t.AssigneeID}
	case "activity":
		act, err := store.ActivityByID(ctx, tx, id)
		if err != nil {
			return rec, err
		}
		rec.Name, rec.OwnerID = act.Outcome, act.UserID
		rec.Fields = map[string]string{"type": act.TypeID, "owner_id": act.UserID}
	default:
		return rec, store.ErrNotFound
	}
	return rec, nil
}

// runRule checks a rule's conditions against the event's record and runs
// its actions, or queues them when the rule is delayed (queued is true
// when the scheduler runs a queued event). Each action set runs under a
// savepoint: a failing rule is rolled back alone, logged as failed, and
// the change that triggered it still saves.
func (a *App) runRule(ctx context.Context, tx *store.Tx, r Rule, ev Event, queued bool, rc *recordCache) error {
	ch := chainOf(ctx)
	if ch.has(r.ID) {
		return nil // a rule's own changes never start it again
	}
	logRun := func(status, problem string) error {
		return store.InsertRuleRun(ctx, tx, store.RuleRun{ID: a.cfg.NewID(), RuleID: r.ID, Event: ev.Type, Entity: ev.Entity,
			EntityID: ev.EntityID, Status: status, Error: problem, Depth: ch.depth})
	}
	if ch.depth >= maxRuleDepth {
		return logRun("skipped", "depth limit reached")
	}
	if r.badConditions {
		return logRun("failed", "error.rule_conditions_invalid")
	}
	if r.matcher != "" {
		if !contains(FieldEntities, ev.Entity) {
			return nil // filter terms speak of contacts, companies and deals only
		}
		ok, err := a.matchesQuery(ctx, tx, nil, ev.Entity, ev.EntityID, r.matcher)
		if err != nil {
			return logRun("failed", AsErrorText(err))
		}
		if !ok {
			return nil
		}
	}
	if len(r.conds) > 0 {
		rec, err := rc.get()
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if !matches(r.conds, rec) {
			return nil
		}
	}
	if r.DelayMinutes > 0 && !queued {
		body, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		if err := store.EnqueueRun(ctx, tx, store.QueuedRun{ID: a.cfg.NewID(), RuleID: r.ID, Event: string(body),
			DueAt: tx.Now.Add(time.Duration(r.DelayMinutes) * time.Minute)}); err != nil {
			return err
		}
		return logRun("queued", "")
	}
	savepoint := fmt.Sprintf("rule_%d", ch.depth)
	if _, err := tx.ExecContext(ctx, "SAVEPOINT "+savepoint); err != nil {
		return err
	}
	inner := context.WithValue(ctx, chainKey{}, chain{depth: ch.depth + 1, rules: append(append([]string{}, ch.rules...), r.ID)})
	inner = WithOrigin(inner, Origin{Kind: OriginRule, ID: r.ID, Name: r.Name}) // its changes are the rule's, not whoever started it
	err := a.doActions(inner, tx, r, ev, rc)
	rc.reset() // the actions may have changed the record the next rule reads
	if err != nil {
		if _, rbErr := tx.ExecContext(ctx, "ROLLBACK TO "+savepoint); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		if _, rbErr := tx.ExecContext(ctx, "RELEASE "+savepoint); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		return logRun("failed", AsErrorText(err))
	}
	if _, err := tx.ExecContext(ctx, "RELEASE "+savepoint); err != nil {
		return err
	}
	return logRun("ok", "")
}

// AsErrorText is err as a short text for a run log: the catalog key and
// fields of an app error, or the error itself.
func AsErrorText(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if len(e.Fields) > 0 {
			return fmt.Sprintf("%s %v", e.Message, e.Fields)
		}
		return e.Message
	}
	return err.Error()
}
