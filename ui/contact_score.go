package ui

import (
	"net/http"

	"rolo/app"
)

// contactSorts are the contact list's sort orders: every list's, then the
// lead score (which lists the contacts that have one).
var contactSorts = append(append([]string{}, recordSorts...), "-score", "score")

// contactScoreView is a contact's lead score with the rules that made it.
type contactScoreView struct {
	Score   int
	Reasons []app.ScoreReason
}

// contactScore loads the score shown on the contact page.
func (s *site) contactScore(r *http.Request, id string) *contactScoreView {
	score, reasons, err := s.app.ContactScore(r.Context(), currentUser(r), id)
	if err != nil {
		return nil // the page shows no score rather than failing
	}
	return &contactScoreView{Score: score, Reasons: reasons}
}

// listScores loads the scores of a contact list page's rows.
func (s *site) listScores(r *http.Request, ids []string) map[string]int {
	scores, err := s.app.ScoresOf(r.Context(), ids)
	if err != nil {
		return map[string]int{}
	}
	return scores
}
