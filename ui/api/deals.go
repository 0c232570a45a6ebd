package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// The deals API: list, create, show, merge-patch, trash, move and stage
// history. The app checks roles and rules; these translate.

// ListDeals answers a deal list request given as query parameters: limit,
// cursor, sort, and the filters pipeline_id, stage_id, status, owner,
// company (an id or "none"), tag (a name), close_from and close_to.
func ListDeals(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (PageJSON[DealJSON], error) {
	q := app.DealQuery{Pipeline: v.Get("pipeline_id"), Stage: v.Get("stage_id"), Status: v.Get("status"), Owner: v.Get("owner"),
		Company: v.Get("company"), CloseFrom: v.Get("close_from"), CloseTo: v.Get("close_to"), Sort: v.Get("sort"), Cursor: v.Get("cursor")}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			n = -1 // out of range, so the app reports it
		}
		q.Limit = n
	}
	if name := v.Get("tag"); name != "" {
		t, err := a.TagByName(ctx, name)
		switch {
		case app.ErrorCode(err) == app.ENotFound:
			q.TagID = request.NoTag
		case err != nil:
			return PageJSON[DealJSON]{}, err
		default:
			q.TagID = t.ID
		}
	}
	if err := request.DealFilterQuery(ctx, a, actor, v, &q); err != nil {
		return PageJSON[DealJSON]{}, err
	}
	list, err := a.ListDealRecords(ctx, actor, q)
	return pageOf(list.Records, list.NextCursor, list.Total, NewDealJSON), err
}

// moveBody is POST /api/v1/deals/{id}/move: the stage, and optionally the
// card it goes right after or right before, and a lost reason.
type moveBody struct {
	StageID    string `json:"stage_id"`
	AfterID    string `json:"after_id"`
	BeforeID   string `json:"before_id"`
	LostReason string `json:"lost_reason"`
}

// handleAPIDealMove moves a deal within its pipeline; the board's drag and
// drop posts here. A stage of another pipeline is refused (422).
func handleAPIDealMove(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !app.CanDo(request.CurrentUser(r), app.AreaDeals, app.LevelEdit) { // before reading the body, so a viewer hears "forbidden", not "bad request"
			writeAPIError(w, r, s, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		if _, err := s.app.Deal(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil { // not visible: not found, before the body
			writeAPIError(w, r, s, err)
			return
		}
		var body moveBody
		if _, err := decodeBody(w, r, &body); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		d, err := s.app.MoveDeal(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], body.StageID,
			app.Place{After: body.AfterID, Before: body.BeforeID}, body.LostReason)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, NewDealJSON(d))
	})
}

// handleAPIDealHistory lists a deal's stage changes, oldest first.
func handleAPIDealHistory(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := liveDeal(r, s); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		changes, err := s.app.StageChanges(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		data := make([]StageChangeJSON, 0, len(changes))
		for _, c := range changes {
			data = append(data, StageChangeJSON{FromStageID: nullable(c.FromStageID), ToStageID: nullable(c.ToStageID), At: c.At.UTC(), MovedBy: nullable(c.By)})
		}
		request.Encode(w, http.StatusOK, struct {
			Data []StageChangeJSON `json:"data"`
		}{data})
	})
}

// liveDeal loads the deal the path names; the API does not show trashed
// records.
func liveDeal(r *http.Request, s *apiSite) (app.Deal, error) {
	d, err := s.app.Deal(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
	if err == nil && d.Trashed() {
		err = &app.Error{Code: app.ENotFound, Message: "error.deal_not_found"}
	}
	return d, err
}
