package web

import (
	"net/http"
	"strings"

	"rolo/app"
	"rolo/ui/request"
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
	score, reasons, err := s.app.ContactScore(r.Context(), request.CurrentUser(r), id)
	if err != nil {
		return nil // the page shows no score rather than failing
	}
	return &contactScoreView{Score: score, Reasons: reasons}
}

// listScores loads the scores of a contact list page's rows; nil (no
// column) while no scoring rule exists, unless the list is sorted by score.
func (s *site) listScores(r *http.Request, ids []string, sort string) map[string]int {
	if inUse, err := s.app.ScoringInUse(r.Context()); err != nil || (!inUse && strings.TrimPrefix(sort, "-") != "score") {
		return nil
	}
	scores, err := s.app.ScoresOf(r.Context(), ids)
	if err != nil || scores == nil {
		return map[string]int{}
	}
	return scores
}
