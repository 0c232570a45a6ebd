package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// automationPage lists the rules with their latest runs and offers a form
// for a new rule: a trigger, conditions in the filter syntax, and up to
// three actions.
type automationPage struct {
	Base
	Rules    []app.Rule
	RunTable runTable
	Failed   int // failed runs in the last week
	Events   []string
	Actions  []string
	Settable []string
	Team     []*app.User
	Stages   []ruleStage
	Webhooks []app.Webhook
	New      app.RuleDefinition
	Slots    []actionSlot
	Errors   map[string]string
	// DateFields are the keys the date.arriving trigger takes.
	DateFields []string
	// Editing is the rule the form changes; nil for a new rule.
	Editing *app.Rule
	// Scheduler is its last pass (HasRun false before the first).
	Scheduler app.SchedulerPass
	HasRun    bool
}

// ruleStage is a stage named with its pipeline, for selects.
type ruleStage struct {
	ID, Label string
}

// runTable is a list of rule runs with the rules' names.
type runTable struct {
	Runs  []app.RuleRun
	Names map[string]string
}

// actionSlot is one action's fieldset in the rule form.
type actionSlot struct {
	Index, Number int
	Action        app.Action
	Chosen        map[string]bool // the action's users, for the select
	Routes        string          // the action's routes as the textarea writes them
}

// actionSlots is how many actions the form offers; the API takes up to 20.
const actionSlots = 3

// stageChoices names every live stage with its pipeline, for selects.
func (s *site) stageChoices(r *http.Request, lang string) ([]ruleStage, error) {
	pipelines, err := s.app.Pipelines(r.Context(), request.CurrentUser(r))
	if err != nil {
		return nil, err
	}
	var out []ruleStage
	for _, p := range pipelines {
		name := p.Name
		if name == "" {
			name = s.catalog.T(lang, p.NameKey)
		}
		for _, st := range p.Stages {
			if !st.ArchivedAt.IsZero() {
				continue
			}
			label := st.Name
			if label == "" {
				label = s.catalog.T(lang, st.NameKey)
			}
			out = append(out, ruleStage{ID: st.ID, Label: name + " → " + label})
		}
	}
	return out, nil
}

func (s *site) renderAutomation(w http.ResponseWriter, r *http.Request, status int, page automationPage) {
	ctx, u := r.Context(), page.User
	var err error
	if page.Rules, err = s.app.Rules(ctx, u); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.RunTable.Names = map[string]string{}
	for _, rule := range page.Rules {
		page.RunTable.Names[rule.ID] = rule.Name
	}
	if page.RunTable.Runs, err = s.app.RuleRuns(ctx, u, "", 30); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	for _, run := range page.RunTable.Runs {
		if run.Status == "failed" {
			page.Failed++
		}
	}
	page.Scheduler, page.HasRun = s.app.SchedulerLastPass()
	page.Scheduler.Took = page.Scheduler.Took.Round(100 * time.Microsecond)
	if err := s.ruleFormChoices(r, &page); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	s.views.render(w, r, status, "automation", page.Lang, page)
}

// ruleFormChoices fills what the rule form offers: events, actions, the
// team, stages, webhooks, date fields, and a slot per action.
func (s *site) ruleFormChoices(r *http.Request, page *automationPage) error {
	ctx, u := r.Context(), page.User
	var err error
	if page.Team, err = s.app.Team(ctx, u); err != nil {
		return err
	}
	if page.Stages, err = s.stageChoices(r, page.Lang); err != nil {
		return err
	}
	if page.DateFields, err = s.app.DateFieldKeys(ctx); err != nil {
		return err
	}
	if app.CanDo(u, app.AreaIntegrations, app.LevelManage) {
		page.Webhooks, _ = s.app.Webhooks(ctx, u) // the select just stays empty otherwise
	}
	page.Events, page.Actions, page.Settable = app.Events, app.ActionTypes, app.SettableFields
	emails := map[string]string{}
	for _, m := range page.Team {
		emails[m.ID] = m.Email
	}
	for len(page.New.Actions) < actionSlots {
		page.New.Actions = append(page.New.Actions, app.Action{})
	}
	for i := range actionSlots {
		act := page.New.Actions[i]
		slot := actionSlot{Index: i, Number: i + 1, Action: act, Chosen: map[string]bool{}}
		for _, id := range act.UserIDs {
			slot.Chosen[id] = true
		}
		var routes []string
		for _, rt := range act.Routes {
			routes = append(routes, rt.Field+":"+rt.Value+" "+emails[rt.UserID])
		}
		slot.Routes = strings.Join(routes, "\n")
		page.Slots = append(page.Slots, slot)
	}
	return nil
}

// handleAutomation shows the rules page.
func handleAutomation(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderAutomation(w, r, http.StatusOK, automationPage{Base: s.base(w, r, "automation.title"), New: app.RuleDefinition{Enabled: true}})
	})
}

// ruleFromForm reads the rule form; action slots left on "none" are
// skipped. A new rule starts enabled; an edited one says so by its box.
func ruleFromForm(r *http.Request, team []*app.User) app.RuleDefinition {
	f := r.PostForm
	delay, _ := strconv.Atoi(f.Get("delay_minutes"))
	def := app.RuleDefinition{
		Name: f.Get("name"), Enabled: f.Get("enabled") != "" || f.Get("version") == "", Conditions: f.Get("conditions"), DelayMinutes: delay,
		Trigger: app.Trigger{Event: f.Get("event"), Field: f.Get("trigger_field"), Value: f.Get("trigger_value")},
	}
	byEmail := map[string]string{}
	for _, u := range team {
		byEmail[strings.ToLower(u.Email)] = u.ID
	}
	for i := range actionSlots {
		n := strconv.Itoa(i)
		typ := f.Get("action." + n + ".type")
		if typ == "" {
			continue
		}
		due, _ := strconv.Atoi(f.Get("action." + n + ".due_days"))
		act := app.Action{Type: typ, Field: f.Get("action." + n + ".field"), Value: f.Get("action." + n + ".value"),
			Mode: f.Get("action." + n + ".mode"), UserIDs: f["action."+n+".user_ids"], StageID: f.Get("action." + n + ".stage_id"),
			Title: f.Get("action." + n + ".title"), DueDays: due, Text: f.Get("action." + n + ".text"), WebhookID: f.Get("action." + n + ".webhook_id")}
		// Routes, one a line: "country:KR someone@example.com".
		for _, line := range strings.Split(f.Get("action."+n+".routes"), "\n") {
			parts := strings.Fields(line)
			if len(parts) != 2 {
				continue
			}
			field, value, ok := strings.Cut(parts[0], ":")
			if !ok {
				continue
			}
			act.Routes = append(act.Routes, app.Route{Field: field, Value: value, UserID: byEmail[strings.ToLower(parts[1])]})
		}
		def.Actions = append(def.Actions, act)
	}
	return def
}

// postedRule reads the posted rule form.
func (s *site) postedRule(w http.ResponseWriter, r *http.Request, b Base) (app.RuleDefinition, error) {
	if err := parseForm(w, r); err != nil {
		return app.RuleDefinition{}, err
	}
	team, err := s.app.Team(r.Context(), b.User)
	if err != nil {
		return app.RuleDefinition{}, err
	}
	return ruleFromForm(r, team), nil
}

// handleRuleCreate saves a new rule from the form.
func handleRuleCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "automation.title")
		def, err := s.postedRule(w, r, b)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		_, err = s.app.CreateRule(r.Context(), b.User, def)
		if fields := fieldErrors(err); fields != nil {
			s.renderAutomation(w, r, http.StatusUnprocessableEntity, automationPage{Base: b, New: def, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "automation.created")
		redirect(w, r, "/settings/automation")
	})
}
