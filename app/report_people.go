package app

import (
	"context"
	"sort"

	"rolo/store"
)

// SourceRow is one lead source: the contacts it brought in the period,
// and the deals from it won in the period with their value per currency.
type SourceRow struct {
	Source   string // "" for contacts and deals without a source
	Contacts int
	Won      int
	Value    []Money
	// ValueHome is Value in the home currency, each deal at the rate in
	// force on its close day.
	ValueHome HomeMoney
}

// SourcesReport is where leads come from and what they bring.
func (a *App) SourcesReport(ctx context.Context, actor Actor, q ReportQuery) ([]SourceRow, error) {
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return nil, err
	}
	contacts, err := store.NewContacts(ctx, a.db.Reader(), f)
	if err != nil {
		return nil, err
	}
	closed, err := store.ClosedDeals(ctx, a.db.Reader(), f)
	if err != nil {
		return nil, err
	}
	book, err := a.RateBook(ctx)
	if err != nil {
		return nil, err
	}
	return sources(contacts, closed, book), nil
}

func sources(contacts []store.ContactCount, closed []store.ClosedTotal, book *RateBook) []SourceRow {
	rows := map[string]*SourceRow{}
	values := map[string]moneyTotals{}
	homes := map[string]*homeSum{}
	get := func(s string) *SourceRow {
		if rows[s] == nil {
			rows[s], values[s], homes[s] = &SourceRow{Source: s}, moneyTotals{}, book.sum()
		}
		return rows[s]
	}
	for _, c := range contacts {
		get(c.Source).Contacts += c.Count
	}
	for _, t := range closed {
		if t.Status == store.DealWon {
			get(t.Source).Won += t.Count
			values[t.Source].add(t.Currency, t.Value)
			homes[t.Source].add(t.Currency, t.Value, t.Day)
		}
	}
	out := make([]SourceRow, 0, len(rows))
	for s, r := range rows {
		r.Value, r.ValueHome = values[s].list(), homes[s].result()
		out = append(out, *r)
	}
	// Most contacts first; the unnamed source last.
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Source == "") != (out[j].Source == "") {
			return out[j].Source == ""
		}
		if out[i].Contacts != out[j].Contacts {
			return out[i].Contacts > out[j].Contacts
		}
		return out[i].Source < out[j].Source
	})
	return out
}

// GrowthRow is one week or month of the growth report.
type GrowthRow struct {
	Bucket       Bucket
	NewContacts  int
	NewCustomers int // created as customers, or moved to customer by an edit (audit log)
	Churned      int // moved to churned by an edit
}

// GrowthReport counts new contacts, new customers and churned customers
// per week (periods up to a quarter) or month, in the reader's zone.
func (a *App) GrowthReport(ctx context.Context, actor Actor, q ReportQuery) ([]GrowthRow, error) {
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return nil, err
	}
	var out []GrowthRow
	for _, b := range q.Period.Buckets() {
		bf := f
		bf.From, bf.To = b.From.UTC(), b.To.UTC()
		row := GrowthRow{Bucket: b}
		counts, err := store.NewContacts(ctx, a.db.Reader(), bf)
		if err != nil {
			return nil, err
		}
		for _, c := range counts {
			row.NewContacts += c.Count
		}
		changes, err := store.LifecycleChanges(ctx, a.db.Reader(), bf)
		if err != nil {
			return nil, err
		}
		row.NewCustomers += changes["customer"]
		row.Churned = changes["churned"]
		out = append(out, row)
	}
	return out, nil
}

// ActivityReport counts the activities logged per week or month and type,
// and per user and type, in the period.
type ActivityReport struct {
	Types   []string // type ids with at least one activity, in the order of ActivityTypes
	Buckets []ActivityBucket
	Users   []ActivityUser
	Total   int
}

// ActivityBucket is one week or month: activities per type.
type ActivityBucket struct {
	Bucket Bucket
	ByType map[string]int
	Total  int
}

// ActivityUser is one user's activities per type in the whole period.
type ActivityUser struct {
	UserID string
	ByType map[string]int
	Total  int
}

// ActivityReport counts activities per bucket, user and type.
func (a *App) ActivityReport(ctx context.Context, actor Actor, q ReportQuery) (ActivityReport, error) {
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return ActivityReport{}, err
	}
	types, err := a.ActivityTypes(ctx, actor)
	if err != nil {
		return ActivityReport{}, err
	}
	var buckets [][]store.ActivityCount
	periods := q.Period.Buckets()
	for _, b := range periods {
		bf := f
		bf.From, bf.To = b.From.UTC(), b.To.UTC()
		counts, err := store.ActivityCounts(ctx, a.db.Reader(), bf)
		if err != nil {
			return ActivityReport{}, err
		}
		buckets = append(buckets, counts)
	}
	order := make([]string, len(types))
	for i, t := range types {
		order[i] = t.ID
	}
	return activityReport(periods, buckets, order), nil
}

func activityReport(periods []Bucket, buckets [][]store.ActivityCount, typeOrder []string) ActivityReport {
	r := ActivityReport{}
	users := map[string]*ActivityUser{}
	used := map[string]bool{}
	for i, counts := range buckets {
		b := ActivityBucket{Bucket: periods[i], ByType: map[string]int{}}
		for _, c := range counts {
			b.ByType[c.TypeID] += c.Count
			b.Total += c.Count
			used[c.TypeID] = true
			u := users[c.UserID]
			if u == nil {
				u = &ActivityUser{UserID: c.UserID, ByType: map[string]int{}}
				users[c.UserID] = u
			}
			u.ByType[c.TypeID] += c.Count
			u.Total += c.Count
		}
		r.Total += b.Total
		r.Buckets = append(r.Buckets, b)
	}
	for _, id := range typeOrder {
		if used[id] {
			r.Types = append(r.Types, id)
			delete(used, id)
		}
	}
	var rest []string // archived or unknown types, after the known ones
	for id := range used {
		rest = append(rest, id)
	}
	sort.Strings(rest)
	r.Types = append(r.Types, rest...)
	for _, u := range users {
		r.Users = append(r.Users, *u)
	}
	sort.Slice(r.Users, func(i, j int) bool {
		if r.Users[i].Total != r.Users[j].Total {
			return r.Users[i].Total > r.Users[j].Total
		}
		return r.Users[i].UserID < r.Users[j].UserID
	})
	return r
}

// AdoptionRow is how much one user used the CRM in the period.
type AdoptionRow struct {
	User        *User
	Logins      int
	Created     int
	Updated     int
	TasksDone   int
	TasksOnTime int
	OnTimeRate  float64 // per cent of the tasks done
}

// AdoptionReport lists every active user in view (the reader alone
// unless they see the team) with their logins, records created and
// updated, and tasks completed (on time or late) in the period.
func (a *App) AdoptionReport(ctx context.Context, actor Actor, q ReportQuery) ([]AdoptionRow, error) {
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return nil, err
	}
	use, err := store.Adoption(ctx, a.db.Reader(), f)
	if err != nil {
		return nil, err
	}
	team, err := a.Team(ctx, actor)
	if err != nil {
		return nil, err
	}
	var out []AdoptionRow
	for _, u := range team {
		if f.OwnerID != "" && u.ID != f.OwnerID {
			continue
		}
		n := use[u.ID]
		if n == nil && u.Disabled {
			continue
		}
		row := AdoptionRow{User: u}
		if n != nil {
			row.Logins, row.Created, row.Updated, row.TasksDone, row.TasksOnTime = n.Logins, n.Created, n.Updated, n.TasksDone, n.TasksOnTime
			row.OnTimeRate = percent(n.TasksOnTime, n.TasksDone)
		}
		out = append(out, row)
	}
	return out, nil
}
