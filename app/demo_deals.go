package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"rolo/store"
)

var (
	demoDealThings   = []string{"licences", "seats", "support plan", "pilot", "rollout", "training", "renewal", "hardware", "라이선스", "導入支援", "年度合同"}
	demoCurrencies   = []string{"USD", "USD", "USD", "USD", "USD", "USD", "EUR", "KRW", "JPY", "CNY"}
	demoLostReasons  = []string{"Price", "Chose a competitor", "No budget", "Timing", "No response"}
	demoOpenWeights  = []int{30, 25, 20, 15, 10} // more deals in early stages, as in real funnels
	demoDealsPerTx   = 5000
	demoClosedShares = 2 // one closed deal for every two open ones
)

// generateDemoDeals adds opt.Deals open deals to the built-in sales
// pipeline, and half as many won or lost, each with a stage history that
// walks through the stages at times spread over the two years before now.
func (a *App) generateDemoDeals(ctx context.Context, rng *rand.Rand, opt DemoOptions, owners, companies []string, start time.Time) error {
	pipelines, err := store.ListPipelines(ctx, a.db.Reader(), false)
	if err != nil || len(pipelines) == 0 {
		return err
	}
	p := pipelines[0]
	var open []Stage
	for _, s := range p.Stages {
		if s.Kind == store.StageOpen {
			open = append(open, s)
		}
	}
	won, lost := firstStage(p, store.StageWon), firstStage(p, store.StageLost)
	contacts, err := demoContactIDs(ctx, a.db.Reader())
	if err != nil {
		return err
	}
	last := map[string]string{} // the bottom rank of each column so far
	total := opt.Deals + opt.Deals/demoClosedShares
	now := a.now()
	for done := 0; done < total; done += demoDealsPerTx {
		n := min(demoDealsPerTx, total-done)
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			for i := done; i < done+n; i++ {
				closed := i >= opt.Deals
				if err := a.demoDeal(ctx, tx, rng, i, closed, p, open, won, lost, owners, companies, contacts, last, start, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	_, err = a.indexKind(ctx, "deal", 0, nil) // the deals are found by search, as any other
	return err
}

func (a *App) demoDeal(ctx context.Context, tx *store.Tx, rng *rand.Rand, i int, closed bool, p Pipeline, open []Stage, won, lost Stage,
	owners, companies, contacts []string, last map[string]string, start, now time.Time) error {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	created := start.Add(time.Duration(rng.Int64N(int64(now.Sub(start)))))
	// The stages it went through: up to a weighted open stage, then maybe
	// an outcome.
	reach := 0
	for w, r := 0, rng.IntN(100); reach < len(open)-1; reach++ {
		if w += demoOpenWeights[min(reach, len(demoOpenWeights)-1)]; r < w {
			break
		}
	}
	path := append([]Stage(nil), open[:reach+1]...)
	status := store.DealOpen
	if closed {
		if rng.IntN(100) < 45 {
			path, status = append(path, won), store.DealWon
		} else {
			path, status = append(path, lost), store.DealLost
		}
	}
	// Moves happen at increasing times between creation and now.
	times := make([]time.Time, len(path))
	times[0] = created
	for k := 1; k < len(path); k++ {
		left := now.Sub(times[k-1])
		times[k] = times[k-1].Add(time.Duration(rng.Int64N(int64(left)/int64(len(path)-k+1) + 1)))
	}
	stage := path[len(path)-1]
	code := pick(demoCurrencies)
	value := int64(500+rng.IntN(99_500)) * 100
	if CurrencyScale(code) == 0 {
		value *= 10
	}
	company := ""
	title := fmt.Sprintf("%s %d", pick(demoDealThings), i+1)
	if len(companies) > 0 && rng.IntN(5) > 0 {
		company = companies[rng.IntN(len(companies))]
		title = fmt.Sprintf("%s — %s", pick(demoCompanyWords), title)
	}
	rank, err := store.RankBetween(last[stage.ID], "")
	if err != nil {
		return err
	}
	last[stage.ID] = rank
	d := Deal{
		ID: a.cfg.NewID(), Title: title, SortTitle: foldKey(title), Value: value, Currency: code,
		PipelineID: p.ID, StageID: stage.ID, Position: rank, CompanyID: company, Status: status,
		Source: pick(demoSources), StageEnteredAt: times[len(times)-1],
	}
	if len(owners) > 0 && rng.IntN(8) > 0 {
		d.OwnerID = owners[rng.IntN(len(owners))]
	}
	if len(contacts) > 0 && rng.IntN(4) > 0 {
		d.ContactID = contacts[rng.IntN(len(contacts))]
	}
	if rng.IntN(3) > 0 {
		d.ExpectedCloseDate = now.AddDate(0, 0, rng.IntN(180)-30).Format(time.DateOnly)
	}
	if status != store.DealOpen {
		d.ClosedAt = times[len(times)-1]
	}
	if status == store.DealLost {
		d.LostReason = pick(demoLostReasons)
	}
	d.CreatedAt, d.UpdatedAt = created, times[len(times)-1]
	if err := store.InsertDeal(ctx, tx, d); err != nil {
		return err
	}
	for k, s := range path {
		change := store.StageChange{ID: a.cfg.NewID(), DealID: d.ID, ToStageID: s.ID, At: times[k], By: d.OwnerID}
		if k > 0 {
			change.FromStageID = path[k-1].ID
		}
		if err := store.InsertStageChange(ctx, tx, change); err != nil {
			return err
		}
	}
	return nil
}

// demoContactIDs are the contacts deals may name: the first 5,000.
func demoContactIDs(ctx context.Context, q store.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM contacts WHERE deleted_at IS NULL ORDER BY id LIMIT 5000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
