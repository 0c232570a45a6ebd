package app

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"rolo/store"
)

// ScoreRule adds points to the contacts its conditions match (negative
// points subtract). Conditions use the rule syntax over the contact's
// fields and tags, plus activities (logged count), deals, deals_won and
// deal_stage (a stage one of its deals is in): "tag:webinar activities>=3".
type ScoreRule = store.ScoreRule

// ScoreReason is one rule that counted towards a score: the "why".
type ScoreReason struct {
	RuleID string `json:"rule_id"`
	Name   string `json:"name"`
	Points int    `json:"points"`
}

// contactScore is the stored score of a contact (0 when never scored).
func contactScore(ctx context.Context, q store.Querier, id string) int {
	s, _, _ := store.ContactScore(ctx, q, id)
	return s
}

// ContactScore gives a contact's score and why.
func (a *App) ContactScore(ctx context.Context, actor Actor, id string) (int, []ScoreReason, error) {
	if err := a.checkContactReadable(ctx, actor, id); err != nil {
		return 0, nil, err
	}
	s, body, err := store.ContactScore(ctx, a.db.Reader(), id)
	if err != nil {
		return 0, nil, err
	}
	var reasons []ScoreReason
	_ = json.Unmarshal([]byte(body), &reasons) // only app writes it
	return s, reasons, nil
}

// scoreContact recomputes one contact's score in tx and, when it rose past
// a rule's threshold, fires score.reached.
func (a *App) scoreContact(ctx context.Context, tx *store.Tx, hs *hookSet, id string) error {
	if len(hs.scoring) == 0 {
		return nil
	}
	rec, err := loadRecord(ctx, tx, "contact", id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	facts, err := store.FactsOfContact(ctx, tx, id)
	if err != nil {
		return err
	}
	rec.Fields["activities"] = strconv.Itoa(facts.Activities)
	rec.Fields["deals"] = strconv.Itoa(facts.Deals)
	rec.Fields["deals_won"] = strconv.Itoa(facts.DealsWon)
	rec.Fields["forms"] = strconv.Itoa(facts.Forms)
	rec.Stages = facts.Stages
	before, _ := strconv.Atoi(rec.Fields["score"])
	score, reasons := 0, []ScoreReason{}
	for _, r := range hs.scoring {
		conds, err := parseConditions(r.Conditions)
		if err != nil || !matches(conds, rec) {
			continue
		}
		score += r.Points
		reasons = append(reasons, ScoreReason{RuleID: r.ID, Name: r.Name, Points: r.Points})
	}
	body, err := json.Marshal(reasons)
	if err != nil {
		return err
	}
	if err := store.PutContactScore(ctx, tx, id, score, string(body)); err != nil {
		return err
	}
	if score == before {
		return nil
	}
	ev := Event{Type: "score.changed", Entity: "contact", EntityID: id, Field: "score", From: strconv.Itoa(before), To: strconv.Itoa(score)}
	return a.fire(ctx, tx, hs, ev)
}

// scoreAffected recomputes the scores of the contacts an event touches.
func (a *App) scoreAffected(ctx context.Context, tx *store.Tx, hs *hookSet, ev Event) error {
	if len(hs.scoring) == 0 || ev.Type == "score.changed" {
		return nil
	}
	var ids []string
	switch ev.Entity {
	case "contact":
		if ev.Type != "contact.updated" && ev.Type != "contact.created" && ev.Type != "form.submitted" {
			return nil // the record-level event covers the field and tag events
		}
		ids = []string{ev.EntityID}
	case "activity":
		act, err := store.ActivityByID(ctx, tx, ev.EntityID)
		if err != nil {
			return nil
		}
		for _, l := range act.Links {
			if l.Entity == "contact" {
				ids = append(ids, l.ID)
			}
		}
	case "deal":
		if ev.Type == "field.changed" {
			return nil
		}
		d, err := store.DealByID(ctx, tx, ev.EntityID)
		if err != nil {
			return nil
		}
		if d.ContactID != "" {
			ids = append(ids, d.ContactID)
		}
		ids = append(ids, d.ContactIDs...)
	}
	for _, id := range ids {
		if err := a.scoreContact(ctx, tx, hs, id); err != nil {
			return err
		}
	}
	return nil
}

// ScoreRules lists the scoring rules.
func (a *App) ScoreRules(ctx context.Context, actor Actor) ([]ScoreRule, error) {
	if err := a.can(actor, AreaAutomation, LevelManage); err != nil {
		return nil, err
	}
	return store.ScoreRules(ctx, a.db.Reader())
}

// CreateScoreRule adds a scoring rule and recomputes every contact's score.
func (a *App) CreateScoreRule(ctx context.Context, actor Actor, name, conditions string, points int) (ScoreRule, error) {
	if err := a.can(actor, AreaAutomation, LevelManage); err != nil {
		return ScoreRule{}, err
	}
	p := map[string]string{}
	name, problem := cleanText(name, 200, false)
	if problem != "" {
		p["name"] = problem
	} else if name == "" {
		p["name"] = "error.required"
	}
	if c, err := parseConditions(conditions); err != nil || len(c) == 0 {
		p["conditions"] = "error.rule_conditions_invalid"
	}
	if points == 0 || points > 1000 || points < -1000 {
		p["points"] = "error.score_points_invalid"
	}
	if len(p) > 0 {
		return ScoreRule{}, Invalid(p)
	}
	r := ScoreRule{ID: a.cfg.NewID(), Name: name, Conditions: conditions, Points: points}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.InsertScoreRule(ctx, tx, r); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionScoreRuleCreated, Entity: "score_rule", ID: r.ID, Name: name,
			Details: map[string]any{"conditions": conditions, "points": points}})
	})
	a.hooks.forget()
	if err != nil {
		return ScoreRule{}, err
	}
	return r, a.RescoreAll(ctx)
}

// DeleteScoreRule removes a scoring rule and recomputes every score.
func (a *App) DeleteScoreRule(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaAutomation, LevelManage); err != nil {
		return err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.DeleteScoreRule(ctx, tx, id); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errorf(ENotFound, "error.not_found")
			}
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionScoreRuleDeleted, Entity: "score_rule", ID: id})
	})
	a.hooks.forget()
	if err != nil {
		return err
	}
	return a.RescoreAll(ctx)
}

// RescoreAll recomputes every contact's score, in batches so that other
// writers get their turn between them.
func (a *App) RescoreAll(ctx context.Context) error {
	hs, err := a.hookSet(ctx)
	if err != nil {
		return err
	}
	ids, err := store.AllContactIDs(ctx, a.db.Reader())
	if err != nil {
		return err
	}
	const batch = 500
	for start := 0; start < len(ids); start += batch {
		end := min(start+batch, len(ids))
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			for _, id := range ids[start:end] {
				if len(hs.scoring) == 0 {
					if err := store.PutContactScore(ctx, tx, id, 0, "[]"); err != nil {
						return err
					}
					continue
				}
				if err := a.scoreContact(ctx, tx, hs, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// TopScores lists contacts scoring at least min, best first.
func (a *App) TopScores(ctx context.Context, actor Actor, min, limit int) ([]store.ScoredContact, error) {
	return store.TopScores(ctx, a.db.Reader(), min, limit)
}

// scoreCondition reads a filter term on the lead score (score:>50,
// score:10, -score:0): whole numbers only.
func scoreCondition(t queryToken) (store.Condition, error) {
	op, ok := negated(t, opOf[t.op])
	n, err := strconv.Atoi(t.value)
	if !ok || t.op == "~" {
		return store.Condition{}, queryError("error.query_bad_operator", t)
	}
	if err != nil {
		return store.Condition{}, queryError("error.query_bad_value", t)
	}
	return store.Condition{Column: "score", Op: op, Value: n}, nil
}

// ScoresOf gives the scores of the contacts of a list page, by id.
// ScoringInUse tells whether any scoring rule exists: until one does,
// every score is 0 and a list has no use for the column.
func (a *App) ScoringInUse(ctx context.Context) (bool, error) {
	return store.AnyScoreRule(ctx, a.db.Reader())
}

func (a *App) ScoresOf(ctx context.Context, ids []string) (map[string]int, error) {
	return store.ScoresOf(ctx, a.db.Reader(), ids)
}
