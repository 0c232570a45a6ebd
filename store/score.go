package store

import (
	"context"
	"fmt"
	"time"
)

// ScoreRule adds (or, negative, subtracts) points to contacts matching
// its conditions.
type ScoreRule struct {
	ID         string
	Name       string
	Conditions string
	Points     int
	CreatedAt  time.Time
}

// InsertScoreRule stores a scoring rule.
func InsertScoreRule(ctx context.Context, tx *Tx, r ScoreRule) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO score_rules (id, name, conditions, points, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		r.ID, r.Name, r.Conditions, r.Points, FormatTime(tx.Now), FormatTime(tx.Now))
	return translate(err)
}

// DeleteScoreRule removes a scoring rule.
func DeleteScoreRule(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM score_rules WHERE id = ?`, id)
	return changedOne(res, err)
}

// ScoreRules lists the scoring rules, oldest first.
func ScoreRules(ctx context.Context, q Querier) ([]ScoreRule, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, conditions, points, created_at FROM score_rules ORDER BY created_at, id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []ScoreRule
	for rows.Next() {
		var r ScoreRule
		var created string
		if err := rows.Scan(&r.ID, &r.Name, &r.Conditions, &r.Points, &created); err != nil {
			return nil, translate(err)
		}
		r.CreatedAt = ParseTime(created)
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// PutContactScore stores a contact's score and its reasons (JSON).
func PutContactScore(ctx context.Context, tx *Tx, contactID string, score int, reasons string) error {
	_, err := tx.exec(ctx, `INSERT INTO contact_scores (contact_id, score, reasons) VALUES (?, ?, ?)
		ON CONFLICT (contact_id) DO UPDATE SET score = excluded.score, reasons = excluded.reasons`, contactID, score, reasons)
	return translate(err)
}

// ContactScore reads a contact's score and reasons; 0 and "[]" when never scored.
func ContactScore(ctx context.Context, q Querier, contactID string) (int, string, error) {
	var score int
	reasons := "[]"
	err := q.QueryRowContext(ctx, `SELECT score, reasons FROM contact_scores WHERE contact_id = ?`, contactID).Scan(&score, &reasons)
	if err != nil {
		if err = translate(err); err == ErrNotFound {
			return 0, "[]", nil
		}
	}
	return score, reasons, err
}

// ScoredContact is a contact on the scoring leaderboard.
type ScoredContact struct {
	ID    string
	Name  string
	Score int
}

// TopScores lists live contacts with a score of at least min, best first.
func TopScores(ctx context.Context, q Querier, min, limit int) ([]ScoredContact, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.contact_id, c.display_name, s.score FROM contact_scores s JOIN contacts c ON c.id = s.contact_id
		WHERE s.score >= ? AND c.deleted_at IS NULL ORDER BY s.score DESC, s.contact_id LIMIT ?`, min, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []ScoredContact
	for rows.Next() {
		var s ScoredContact
		if err := rows.Scan(&s.ID, &s.Name, &s.Score); err != nil {
			return nil, translate(err)
		}
		out = append(out, s)
	}
	return out, translate(rows.Err())
}

// ContactFacts are counts about a contact that scoring rules can use.
type ContactFacts struct {
	Activities int
	Deals      int
	DealsWon   int
	Forms      int      // web-form submissions
	Stages     []string // stages of the contact's live deals
}

// FactsOfContact gathers a contact's activity and deal counts.
func FactsOfContact(ctx context.Context, q Querier, id string) (ContactFacts, error) {
	var f ContactFacts
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM activity_links l JOIN activities a ON a.id = l.activity_id
		WHERE l.entity = 'contact' AND l.entity_id = ? AND a.deleted_at IS NULL`, id).Scan(&f.Activities); err != nil {
		return f, translate(err)
	}
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM form_submissions WHERE contact_id = ?`, id).Scan(&f.Forms); err != nil {
		return f, translate(err)
	}
	rows, err := q.QueryContext(ctx, `SELECT d.stage_id, d.status FROM deals d WHERE d.deleted_at IS NULL
		AND (d.contact_id = ? OR d.id IN (SELECT deal_id FROM deal_contacts WHERE contact_id = ?))`, id, id)
	if err != nil {
		return f, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var stage, status string
		if err := rows.Scan(&stage, &status); err != nil {
			return f, translate(err)
		}
		f.Deals++
		if status == "won" {
			f.DealsWon++
		}
		f.Stages = append(f.Stages, stage)
	}
	return f, translate(rows.Err())
}

// AllContactIDs lists every live contact (to recompute scores).
func AllContactIDs(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM contacts WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, translate(err)
		}
		out = append(out, id)
	}
	return out, translate(rows.Err())
}

// ScoreSort is ListQuery.SortField for sorting contacts by lead score: the
// list walks contact_scores_score and shows the contacts with a score.
const ScoreSort = "score"

// scoreCondition writes a lead-score comparison (Column "score"). A
// contact never scored counts as 0: when 0 passes, or the filter is broad,
// each row's score is read by its key; otherwise the matches are a range
// of contact_scores_score.
func (w *where) scoreCondition(c Condition, broad bool) error {
	op, ok := comparisons[c.Op]
	n, isInt := c.Value.(int)
	if !ok || !isInt {
		return fmt.Errorf("bad score condition %v", c)
	}
	if broad || zeroPasses(c.Op, n) {
		w.add("coalesce((SELECT score FROM contact_scores WHERE contact_id = c.id), 0) "+op+" ?", n)
		return nil
	}
	w.add("c.id IN (SELECT contact_id FROM contact_scores WHERE score "+op+" ?)", n)
	return nil
}

// zeroPasses tells whether a score of 0 meets "score op n".
func zeroPasses(op string, n int) bool {
	switch op {
	case OpEq:
		return n == 0
	case OpNe:
		return n != 0
	case OpLt:
		return 0 < n
	case OpLe:
		return 0 <= n
	case OpGt:
		return 0 > n
	case OpGe:
		return 0 >= n
	}
	return false
}

// scoreRange writes score comparisons as a range of the sorted scores
// (sv.score) when the list sorts by score; it returns the other conditions.
func (w *where) scoreRange(conds []Condition) []Condition {
	var rest []Condition
	for _, c := range conds {
		op, ok := comparisons[c.Op]
		if c.Column != "score" || !ok || c.Op == OpNe {
			rest = append(rest, c)
			continue
		}
		w.add("sv.score "+op+" ?", c.Value)
	}
	return rest
}

// ScoresOf reads the scores of contacts by id (absent: never scored).
func ScoresOf(ctx context.Context, q Querier, ids []string) (map[string]int, error) {
	out := map[string]int{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT contact_id, score FROM contact_scores WHERE contact_id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, translate(err)
		}
		out[id] = n
	}
	return out, translate(rows.Err())
}

// AnyScoreRule tells whether a scoring rule exists.
func AnyScoreRule(ctx context.Context, q Querier) (bool, error) {
	var found bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM score_rules)`).Scan(&found)
	return found, err
}
