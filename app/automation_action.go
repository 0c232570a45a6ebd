package app

import (
	"context"
	"strings"
	"time"

	"rolo/store"
)

// doActions runs a rule's actions in order; the first failure stops the
// rule (runRule rolls it back). Actions act as the system (no actor): the
// rule's author, an admin or manager, allowed them when saving it. The
// record is read only by the actions that need more than its identity,
// and again after an action changed it.
func (a *App) doActions(ctx context.Context, tx *store.Tx, r Rule, ev Event, rc *recordCache) error {
	for i, act := range r.Actions {
		if err := a.doAction(ctx, tx, r, i, act, ev, rc); err != nil {
			return err
		}
		if act.Type == "set_owner" || act.Type == "set_field" || act.Type == "add_tag" || act.Type == "remove_tag" {
			rc.reset()
		}
	}
	return nil
}

func (a *App) doAction(ctx context.Context, tx *store.Tx, r Rule, index int, act Action, ev Event, rc *recordCache) error {
	rec := record{Entity: rc.entity, ID: rc.id}
	switch act.Type {
	case "add_tag", "remove_tag", "set_field", "move_deal", "webhook":
	default:
		full, err := rc.get()
		if err != nil {
			return err
		}
		rec = full
	}
	switch act.Type {
	case "add_tag", "remove_tag":
		return a.editRecord(ctx, tx, rc, func(e editable) error {
			if act.Type == "add_tag" {
				if !containsFold(*e.tags, act.Value) {
					*e.tags = append(*e.tags, act.Value)
				}
			} else {
				*e.tags = removeFold(*e.tags, act.Value)
			}
			return nil
		})
	case "set_field":
		return a.editRecord(ctx, tx, rc, func(e editable) error {
			if e.set == nil || !e.set(act.Field, act.Value) {
				return Invalid(map[string]string{act.Field: "error.rule_field_invalid"})
			}
			return nil
		})
	case "set_owner":
		owner, err := a.pickOwner(ctx, tx, r, index, act, rec)
		if err != nil || owner == "" {
			return err
		}
		return a.editRecord(ctx, tx, rc, func(e editable) error {
			*e.owner = owner
			return nil
		})
	case "create_deal":
		stage, err := store.StageByID(ctx, tx, act.StageID)
		if err != nil {
			return errorf(EInvalid, "error.stage_not_found")
		}
		title := act.Title
		if title == "" {
			title = rec.Name
		}
		in := DealInput{Title: fill(title, rec), PipelineID: stage.PipelineID, StageID: stage.ID, OwnerID: rec.OwnerID}
		switch rec.Entity {
		case "contact":
			in.ContactIDs = []string{rec.ID}
		case "company":
			in.CompanyID = rec.ID
		}
		return a.saveDeal(ctx, tx, nil, Deal{ID: a.cfg.NewID()}, in)
	case "move_deal":
		if rec.Entity != "deal" {
			return errorf(EInvalid, "error.rule_needs_deal")
		}
		old, err := liveDeal(ctx, tx, rec.ID)
		if err != nil {
			return err
		}
		in := DealInputOf(old)
		in.StageID = act.StageID
		return a.saveDeal(ctx, tx, nil, old, in)
	case "create_task":
		in := TaskInput{Title: fill(act.Title+act.Text, rec), AssigneeID: rec.OwnerID, Links: linksOf(rec)}
		loc, err := loadZone(ZoneName(nil))
		if err != nil {
			loc = time.UTC
		}
		in.DueDate = tx.Now.AddDate(0, 0, act.DueDays).In(loc).Format("2006-01-02")
		t, err := a.validateTask(ctx, tx, nil, in, nil)
		if err != nil {
			return err
		}
		t.ID = a.cfg.NewID()
		startSeries(&t)
		t.DueKey = dueKey(t)
		if _, err := store.InsertTask(ctx, tx, t); err != nil {
			return err
		}
		return a.record(ctx, tx, "", taskChange(ActionTaskCreated, t))
	case "add_note":
		act2, err := a.validateActivity(ctx, tx, nil, ActivityInput{TypeID: "note", Body: fill(act.Text, rec), Links: linksOf(rec)}, Activity{})
		if err != nil {
			return err
		}
		act2.ID = a.cfg.NewID()
		if err := store.InsertActivity(ctx, tx, act2); err != nil {
			return err
		}
		return a.record(ctx, tx, "", activityChange(ActionActivityCreated, act2))
	case "notify":
		users := act.UserIDs
		if len(users) == 0 && rec.OwnerID != "" {
			users = []string{rec.OwnerID}
		}
		for _, u := range users {
			if err := a.insertNotification(ctx, tx, u, "rule", fill(act.Text, rec), rec.Entity, rec.ID); err != nil {
				return err
			}
		}
		return nil
	case "webhook":
		w, err := store.WebhookByID(ctx, tx, act.WebhookID)
		if err != nil {
			return errorf(EInvalid, "error.webhook_not_found")
		}
		if !w.Enabled {
			return errorf(EInvalid, "error.webhook_disabled")
		}
		return a.enqueueWebhook(ctx, tx, w.ID, ev)
	}
	return errorf(EInvalid, "error.rule_action_invalid")
}

// fill puts the record's name where a text says {{name}}.
func fill(text string, rec record) string { return strings.ReplaceAll(text, "{{name}}", rec.Name) }

func linksOf(rec record) []RecordRef {
	switch rec.Entity {
	case "contact", "company", "deal":
		return []RecordRef{{Entity: rec.Entity, ID: rec.ID}}
	}
	return nil
}

// editable is the part of a record's input an action may change.
type editable struct {
	tags  *[]string
	owner *string
	set   func(field, value string) bool
}

// editRecord loads rec's current input, lets edit change it and saves it
// through the same path a form takes (validation, search index, audit).
func (a *App) editRecord(ctx context.Context, tx *store.Tx, rc *recordCache, edit func(editable) error) error {
	rec := record{Entity: rc.entity, ID: rc.id}
	switch rec.Entity {
	case "contact":
		var c Contact
		if rc.rec != nil && rc.rec.contact != nil {
			c = *rc.rec.contact // read already, for the conditions
		} else {
			var err error
			if c, err = store.ContactByID(ctx, tx, rec.ID); err != nil {
				return err
			}
		}
		in := InputOf(c)
		err := edit(editable{tags: &in.Tags, owner: &in.OwnerID, set: func(field, value string) bool {
			switch field {
			case "lifecycle_status":
				in.LifecycleStatus = value
			case "lead_source":
				in.LeadSource = value
			case "title":
				in.Title = value
			case "notes":
				in.Notes = value
			case "website":
				in.Website = value
			default:
				return false
			}
			return true
		}})
		if err != nil {
			return err
		}
		return a.updateContact(ctx, tx, nil, c.ID, c.Version, in)
	case "company":
		c, err := store.CompanyByID(ctx, tx, rec.ID)
		if err != nil {
			return err
		}
		in := CompanyInputOf(c)
		if err := edit(editable{tags: &in.Tags, owner: &in.OwnerID}); err != nil {
			return err
		}
		return a.updateCompany(ctx, tx, nil, c.ID, c.Version, in)
	case "deal":
		old, err := liveDeal(ctx, tx, rec.ID)
		if err != nil {
			return err
		}
		in := DealInputOf(old)
		if err := edit(editable{tags: &in.Tags, owner: &in.OwnerID}); err != nil {
			return err
		}
		return a.saveDeal(ctx, tx, nil, old, in)
	}
	return errorf(EInvalid, "error.rule_record_unsupported")
}

// pickOwner chooses the new owner: a fixed user, the next in a round robin
// (a cursor per rule action, advanced in the same transaction, so two
// records never get the same turn), or the first route whose field value
// matches (lead routing by country or source), else the round robin.
func (a *App) pickOwner(ctx context.Context, tx *store.Tx, r Rule, index int, act Action, rec record) (string, error) {
	if act.Mode == "route" {
		for _, route := range act.Routes {
			field := route.Field
			if alias, ok := conditionAliases[field]; ok {
				field = alias
			}
			if strings.EqualFold(strings.TrimSpace(rec.Fields[field]), strings.TrimSpace(route.Value)) {
				return route.UserID, nil
			}
		}
	}
	switch len(act.UserIDs) {
	case 0:
		return "", nil
	case 1:
		return act.UserIDs[0], nil
	}
	if act.Mode == "user" {
		return act.UserIDs[0], nil
	}
	pos, err := store.NextRoundRobin(ctx, tx, r.ID, index, len(act.UserIDs))
	if err != nil {
		return "", err
	}
	return act.UserIDs[pos], nil
}
