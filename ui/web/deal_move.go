package web

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleDealMove moves a deal to the posted stage: the board's stage
// selector (its way without JavaScript) and the deal page's. Moving to a
// lost stage without a reason asks for one first.
func handleDealMove(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.deal_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		stageID, reason := r.PostForm.Get("stage_id"), r.PostForm.Get("lost_reason")
		back := localPath(r.PostForm.Get("back"), s.recordPath("deal.show", "id", id))
		d, err := s.app.MoveDeal(r.Context(), b.User, id, stageID, app.Place{}, reason)
		if s.askLostReason(w, r, b, id, err, s.recordPath("deal.move", "id", id), stageID, back) {
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, outcomeFlash(d.Status, "deals.moved"))
		redirect(w, r, back)
	})
}

// handleDealOutcome marks a deal won, lost (with the posted reason) or
// open again.
func handleDealOutcome(s *site, status string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.deal_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		back := s.recordPath("deal.show", "id", id)
		d, err := s.app.CloseDeal(r.Context(), b.User, id, status, r.PostForm.Get("lost_reason"))
		if s.askLostReason(w, r, b, id, err, s.recordPath("deal.lost", "id", id), "", back) {
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, outcomeFlash(d.Status, "deals.reopened"))
		redirect(w, r, back)
	})
}

func outcomeFlash(status, otherwise string) string {
	switch status {
	case app.DealWon:
		return "deals.won_flash"
	case app.DealLost:
		return "deals.lost_flash"
	}
	return otherwise
}

// dealLostPage asks why a deal was lost, then posts the move again.
type dealLostPage struct {
	Base
	Deal        app.Deal
	Action      string
	StageID     string
	Back        string
	LostReasons []string
	Error       string
}

// askLostReason shows the lost-reason form when err says a reason is
// missing, and reports whether it did.
func (s *site) askLostReason(w http.ResponseWriter, r *http.Request, b Base, id string, err error, action, stageID, back string) bool {
	problem := fieldErrors(err)["lost_reason"]
	if problem == "" {
		return false
	}
	d, lookup := s.app.Deal(r.Context(), b.User, id)
	if lookup != nil {
		s.views.renderError(w, r, b, lookup)
		return true
	}
	page := dealLostPage{Base: b, Deal: d, Action: action, StageID: stageID, Back: back, LostReasons: s.lostReasons(r, b.Lang)}
	if r.PostForm.Get("lost_reason") != "" {
		page.Error = problem // a reason was given and refused (too long…)
	}
	s.views.render(w, r, http.StatusUnprocessableEntity, "deal_lost", b.Lang, page)
	return true
}

// localPath returns p when it is a path on this site, else fallback, so
// a forged "back" cannot send the user elsewhere.
func localPath(p, fallback string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return fallback
	}
	return p
}
