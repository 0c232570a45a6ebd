package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"rolo/store"
)

// Events are what can start a rule (and what webhooks subscribe to).
var Events = []string{
	"contact.created", "contact.updated", "company.created", "company.updated",
	"field.changed", "tag.added", "tag.removed", "lifecycle.changed",
	"deal.created", "deal.moved", "deal.won", "deal.lost",
	"task.created", "task.overdue", "activity.logged", "form.submitted", "score.changed", "contact.inactive",
	"date.arriving",
}

// ActionTypes are what a rule can do.
var ActionTypes = []string{"add_tag", "remove_tag", "set_field", "set_owner", "create_deal", "move_deal", "create_task", "notify", "webhook", "add_note"}

// Trigger says which event starts a rule: for field.changed the field
// (and, if given, the new value); for tag.added/removed the tag; for
// deal.moved the stage; for lifecycle.changed the new status; for
// contact.inactive the days without activity; for date.arriving the date
// field's key and the days before (negative: after) the date.
type Trigger struct {
	Event string `json:"event"`
	Field string `json:"field,omitempty"`
	Value string `json:"value,omitempty"`
}

// Route sends records whose field has value to a user (lead routing).
type Route struct {
	Field  string `json:"field"`
	Value  string `json:"value"`
	UserID string `json:"user_id"`
}

// Action is one thing a rule does. Which members count depends on Type.
type Action struct {
	Type string `json:"type"`
	// add_tag, remove_tag: Value is the tag. set_field: Field and Value.
	Field string `json:"field,omitempty"`
	Value string `json:"value,omitempty"`
	// set_owner: Mode user (UserIDs[0]), round_robin (among UserIDs) or
	// route (Routes, first match; else round robin among UserIDs).
	Mode    string   `json:"mode,omitempty"`
	UserIDs []string `json:"user_ids,omitempty"`
	Routes  []Route  `json:"routes,omitempty"`
	// create_deal, move_deal: the stage (and the deal's title).
	PipelineID string `json:"pipeline_id,omitempty"`
	StageID    string `json:"stage_id,omitempty"`
	Title      string `json:"title,omitempty"`
	// create_task: due in DueDays, assigned to the record's owner.
	DueDays int `json:"due_days,omitempty"`
	// notify, add_note: Text. webhook: WebhookID.
	Text      string `json:"text,omitempty"`
	WebhookID string `json:"webhook_id,omitempty"`
}

// RuleDefinition is a rule as written: trigger → conditions → actions.
// Conditions is a query in the filter syntax (tag:vip status:lead
// country:KR -tag:spam score>=50); every term must hold.
type RuleDefinition struct {
	Name         string   `json:"name"`
	Enabled      bool     `json:"enabled"`
	Trigger      Trigger  `json:"trigger"`
	Conditions   string   `json:"conditions"`
	DelayMinutes int      `json:"delay_minutes"`
	Actions      []Action `json:"actions"`
}

// Rule is a stored rule with its definition decoded.
type Rule struct {
	RuleDefinition
	ID      string
	Version int
	Stored  store.Rule
	// conds are the parsed conditions; badConditions marks a stored rule
	// whose conditions no longer parse, so its runs fail visibly.
	conds         []condition
	matcher       string // terms for the segment builder's filter matcher
	badConditions bool
}

func toRule(r store.Rule) (Rule, error) {
	var def RuleDefinition
	if err := json.Unmarshal([]byte(r.Definition), &def); err != nil {
		return Rule{}, fmt.Errorf("rule %s: %w", r.ID, err)
	}
	def.Name, def.Enabled = r.Name, r.Enabled
	conds, matcher, err := splitRuleConditions(def.Conditions)
	return Rule{RuleDefinition: def, ID: r.ID, Version: r.Version, Stored: r, conds: conds, matcher: matcher, badConditions: err != nil}, nil
}

// CanManageAutomation tells pages whether to offer automation settings;
// the app methods check the permission matrix again.
func CanManageAutomation(a Actor) bool { return CanDo(a, AreaAutomation, LevelManage) }

func (a *App) validateRule(ctx context.Context, q store.Querier, def *RuleDefinition) error {
	p := map[string]string{}
	name, problem := cleanText(def.Name, 200, false)
	switch {
	case problem != "":
		p["name"] = problem
	case name == "":
		p["name"] = "error.required"
	}
	def.Name = name
	if !contains(Events, def.Trigger.Event) {
		p["trigger.event"] = "error.rule_event_invalid"
	}
	if err := checkTimedTrigger(ctx, q, def.Trigger, p); err != nil {
		return err
	}
	if _, matcher, err := splitRuleConditions(def.Conditions); err != nil {
		p["conditions"] = "error.rule_conditions_invalid"
	} else if matcher != "" && !a.matcherAccepts(ctx, q, def.Trigger.Event, matcher) {
		p["conditions"] = "error.rule_conditions_invalid"
	}
	if def.DelayMinutes < 0 || def.DelayMinutes > 366*24*60 {
		p["delay_minutes"] = "error.rule_delay_invalid"
	}
	if len(def.Actions) == 0 {
		p["actions"] = "error.rule_actions_required"
	}
	if len(def.Actions) > 20 {
		p["actions"] = "error.rule_too_many_actions"
	}
	for i, act := range def.Actions {
		field := fmt.Sprintf("actions.%d", i)
		if !contains(ActionTypes, act.Type) {
			p[field+".type"] = "error.rule_action_invalid"
			continue
		}
		for _, id := range act.UserIDs {
			if err := checkOwner(ctx, q, id, p); err != nil {
				return err
			}
			if p["owner_id"] != "" {
				delete(p, "owner_id")
				p[field+".user_ids"] = "error.owner_unknown"
			}
		}
		switch act.Type {
		case "add_tag", "remove_tag":
			if strings.TrimSpace(act.Value) == "" {
				p[field+".value"] = "error.required"
			}
		case "set_field":
			if !contains(SettableFields, act.Field) {
				p[field+".field"] = "error.rule_field_invalid"
			}
		case "set_owner":
			if len(act.UserIDs) == 0 && len(act.Routes) == 0 {
				p[field+".user_ids"] = "error.required"
			}
		case "move_deal", "create_deal":
			if act.StageID == "" {
				p[field+".stage_id"] = "error.required"
			} else if _, err := store.StageByID(ctx, q, act.StageID); err != nil {
				p[field+".stage_id"] = "error.stage_not_found"
			}
		case "create_task", "add_note", "notify":
			if strings.TrimSpace(act.Title+act.Text) == "" {
				p[field+".text"] = "error.required"
			}
		case "webhook":
			if _, err := store.WebhookByID(ctx, q, act.WebhookID); err != nil {
				p[field+".webhook_id"] = "error.webhook_not_found"
			}
		}
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}

// checkTimedTrigger checks what the scheduler's triggers read from the
// trigger: the days, and for date.arriving the date field.
func checkTimedTrigger(ctx context.Context, q store.Querier, t Trigger, p map[string]string) error {
	switch t.Event {
	case "contact.inactive":
		if n, err := strconv.Atoi(t.Value); t.Value != "" && (err != nil || n <= 0 || n > 3650) {
			p["trigger.value"] = "error.rule_days_invalid"
		}
	case "date.arriving":
		if _, ok := dateOffset(t.Value); !ok {
			p["trigger.value"] = "error.rule_days_invalid"
		}
		fields, err := dateFieldsByKey(ctx, q, t.Field)
		if err != nil {
			return err
		}
		if len(fields) == 0 {
			p["trigger.field"] = "error.rule_date_field_invalid"
		}
	}
	return nil
}

// SettableFields are the fields set_field may change.
var SettableFields = []string{"lifecycle_status", "lead_source", "title", "notes", "website"}

// Rules lists every rule.
func (a *App) Rules(ctx context.Context, actor Actor) ([]Rule, error) {
	if err := a.can(actor, AreaAutomation, LevelView); err != nil {
		return nil, err
	}
	stored, err := store.Rules(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	out := make([]Rule, 0, len(stored))
	for _, s := range stored {
		r, err := toRule(s)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Rule loads one rule.
func (a *App) Rule(ctx context.Context, actor Actor, id string) (Rule, error) {
	if err := a.can(actor, AreaAutomation, LevelView); err != nil {
		return Rule{}, err
	}
	s, err := store.RuleByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return Rule{}, errorf(ENotFound, "error.rule_not_found")
	}
	if err != nil {
		return Rule{}, err
	}
	return toRule(s)
}

// CreateRule stores a new rule; it acts from the next change on.
func (a *App) CreateRule(ctx context.Context, actor Actor, def RuleDefinition) (Rule, error) {
	if err := a.can(actor, AreaAutomation, LevelManage); err != nil {
		return Rule{}, err
	}
	id := a.cfg.NewID()
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := a.validateRule(ctx, tx, &def); err != nil {
			return err
		}
		body, err := json.Marshal(def)
		if err != nil {
			return err
		}
		if err := store.InsertRule(ctx, tx, store.Rule{ID: id, Name: def.Name, Event: def.Trigger.Event, Definition: string(body),
			Enabled: def.Enabled, CreatedBy: actorID(actor)}); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionRuleCreated, Entity: "rule", ID: id, Name: def.Name,
			Details: map[string]any{"definition": def}})
	})
	a.hooks.forget()
	if err != nil {
		return Rule{}, err
	}
	return a.Rule(ctx, actor, id)
}

// UpdateRule replaces a rule's definition if nobody saved it since version.
func (a *App) UpdateRule(ctx context.Context, actor Actor, id string, version int, def RuleDefinition) (Rule, error) {
	if err := a.can(actor, AreaAutomation, LevelManage); err != nil {
		return Rule{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := store.RuleByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.rule_not_found")
		}
		if err != nil {
			return err
		}
		if old.Version != version {
			return errorf(EConflict, "error.stale")
		}
		if err := a.validateRule(ctx, tx, &def); err != nil {
			return err
		}
		body, err := json.Marshal(def)
		if err != nil {
			return err
		}
		if err := store.UpdateRule(ctx, tx, store.Rule{ID: id, Name: def.Name, Event: def.Trigger.Event, Definition: string(body),
			Enabled: def.Enabled, Version: version}); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionRuleUpdated, Entity: "rule", ID: id, Name: def.Name,
			Details: map[string]any{"definition": def}})
	})
	a.hooks.forget()
	if err != nil {
		return Rule{}, err
	}
	return a.Rule(ctx, actor, id)
}

// SetRuleEnabled switches a rule on or off.
func (a *App) SetRuleEnabled(ctx context.Context, actor Actor, id string, enabled bool) (Rule, error) {
	if err := a.can(actor, AreaAutomation, LevelManage); err != nil {
		return Rule{}, err
	}
	r, err := a.Rule(ctx, actor, id)
	if err != nil {
		return Rule{}, err
	}
	def := r.RuleDefinition
	def.Enabled = enabled
	return a.UpdateRule(ctx, actor, id, r.Version, def)
}

// DeleteRule removes a rule with its run log.
func (a *App) DeleteRule(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaAutomation, LevelManage); err != nil {
		return err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := store.RuleByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.rule_not_found")
		}
		if err != nil {
			return err
		}
		if err := store.DeleteRule(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionRuleDeleted, Entity: "rule", ID: id, Name: old.Name})
	})
	a.hooks.forget()
	return err
}

// RuleRuns lists a rule's latest runs ("" for every rule's).
func (a *App) RuleRuns(ctx context.Context, actor Actor, ruleID string, limit int) ([]store.RuleRun, error) {
	if err := a.can(actor, AreaAutomation, LevelView); err != nil {
		return nil, err
	}
	return store.RuleRuns(ctx, a.db.Reader(), ruleID, limit)
}

// matcherAccepts tells whether the filter matcher understands text for a
// record the event can be about.
func (a *App) matcherAccepts(ctx context.Context, q store.Querier, event, text string) bool {
	for _, entity := range entitiesOf(event) {
		if _, err := a.compileQuery(ctx, q, nil, entity, text); err == nil {
			return true
		}
	}
	return false
}

// entitiesOf lists the kinds of record an event can be about.
func entitiesOf(event string) []string {
	switch {
	case strings.HasPrefix(event, "company."):
		return []string{"company"}
	case strings.HasPrefix(event, "deal."):
		return []string{"deal"}
	case event == "field.changed" || strings.HasPrefix(event, "tag.") || event == "date.arriving":
		return FieldEntities
	case strings.HasPrefix(event, "task.") || event == "activity.logged":
		return nil
	}
	return []string{"contact"}
}
