package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// recordDealView is one deal in a contact's or company's Deals card.
type recordDealView struct {
	ID     string
	Title  string
	Status string
	Value  string
	Stage  string
}

// recordDealsShown bounds the Deals card of a record page.
const recordDealsShown = 20

// recordDeals lists the deals of a contact or a company for its page,
// open ones first, with their value in the reader's format.
func (s *site) recordDeals(r *http.Request, lang, kind, id string) ([]recordDealView, error) {
	ctx, user := r.Context(), request.CurrentUser(r)
	rows, err := s.app.DealsOf(ctx, user, kind, id, recordDealsShown)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = row.StageID
	}
	stages, err := s.app.StagesByID(ctx, user, ids)
	if err != nil {
		return nil, err
	}
	out := make([]recordDealView, len(rows))
	for i, row := range rows {
		out[i] = recordDealView{ID: row.ID, Title: row.Title, Status: row.Status, Stage: s.catalog.StageName(lang, stages[row.StageID]),
			Value: formatMoney(lang, app.Money{Value: row.Value, Currency: row.Currency})}
	}
	return out, nil
}
