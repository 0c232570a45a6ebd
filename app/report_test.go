package app_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// at pins the test clock.
func (ta *testApp) at(t time.Time) {
	ta.clock.mu.Lock()
	defer ta.clock.mu.Unlock()
	ta.clock.t = t
}

// november is November 2026 in UTC, the period most tests report on.
func november(t *testing.T) app.Period {
	t.Helper()
	p, err := app.NewPeriod("custom", "2026-11-01", "2026-11-30", time.Now(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestPeriods(t *testing.T) {
	t.Parallel()
	seoul, _ := time.LoadLocation("Asia/Seoul")
	// Monday 30 November 2026, 23:30 UTC, is already Tuesday 1 December in Seoul.
	now := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int, loc *time.Location) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	for _, c := range []struct {
		key      string
		zone     *time.Location
		from, to time.Time
	}{
		{"this_month", time.UTC, day(2026, 11, 1, time.UTC), day(2026, 12, 1, time.UTC)},
		{"this_month", seoul, day(2026, 12, 1, seoul), day(2027, 1, 1, seoul)},
		{"last_month", seoul, day(2026, 11, 1, seoul), day(2026, 12, 1, seoul)},
		{"this_week", time.UTC, day(2026, 11, 30, time.UTC), day(2026, 12, 7, time.UTC)},
		{"last_week", time.UTC, day(2026, 11, 23, time.UTC), day(2026, 11, 30, time.UTC)},
		{"this_quarter", time.UTC, day(2026, 10, 1, time.UTC), day(2027, 1, 1, time.UTC)},
		{"last_quarter", seoul, day(2026, 7, 1, seoul), day(2026, 10, 1, seoul)},
		{"this_year", time.UTC, day(2026, 1, 1, time.UTC), day(2027, 1, 1, time.UTC)},
		{"last_year", time.UTC, day(2025, 1, 1, time.UTC), day(2026, 1, 1, time.UTC)},
		{"nonsense", time.UTC, day(2026, 11, 1, time.UTC), day(2026, 12, 1, time.UTC)},
	} {
		t.Run(c.key+"/"+c.zone.String(), func(t *testing.T) {
			is := is.New(t)
			p, err := app.NewPeriod(c.key, "", "", now, c.zone)
			is.NoErr(err)
			is.True(p.From.Equal(c.from)) // start
			is.True(p.To.Equal(c.to))     // end
		})
	}
	t.Run("previous and buckets", func(t *testing.T) {
		is := is.New(t)
		p, _ := app.NewPeriod("this_month", "", "", now, time.UTC)
		prev := p.Previous()
		is.True(prev.From.Equal(day(2026, 10, 1, time.UTC)) && prev.To.Equal(p.From)) // the month before, not 30 days
		b := p.Buckets()
		is.Equal(len(b), 6)                                  // Nov 2026 touches six ISO weeks
		is.True(b[0].From.Equal(p.From))                     // the first is partial (Sunday 1st)
		is.True(b[1].From.Equal(day(2026, 11, 2, time.UTC))) // then weeks start on Mondays
		is.True(b[len(b)-1].To.Equal(p.To))                  // and the last ends with the period
		y, _ := app.NewPeriod("this_year", "", "", now, time.UTC)
		is.Equal(len(y.Buckets()), 12) // a year goes by months
		c, _ := app.NewPeriod("custom", "2026-11-10", "2026-11-16", now, time.UTC)
		is.True(c.Previous().From.Equal(day(2026, 11, 3, time.UTC))) // seven days before seven days
	})
	t.Run("custom period errors", func(t *testing.T) {
		is := is.New(t)
		_, err := app.NewPeriod("custom", "2026-11-10", "2026-11-01", now, time.UTC)
		is.Equal(fieldProblem(err, "to"), "report.error.range") // backwards
		_, err = app.NewPeriod("custom", "x", "2026-11-01", now, time.UTC)
		is.Equal(fieldProblem(err, "from"), "error.date_invalid")
	})
}

// TestFunnel: ten deals enter Demo in November (straight there, skipping
// the first two stages), three go on to Proposal and one of those is won.
func TestFunnel(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	ta.at(time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC))
	var deals []app.Deal
	for i := range 10 {
		deals = append(deals, mustDeal(t, ta, admin, app.DealInput{Title: "D" + string(rune('a'+i)), StageID: stages["demo"].ID, Value: 1000, Currency: "USD"}))
	}
	ta.at(time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC))
	for _, d := range deals[:3] {
		_, err := ta.MoveDeal(ctx, admin, d.ID, stages["proposal"].ID, store.Place{}, "")
		is.NoErr(err)
	}
	// One won straight from Proposal, skipping Contract review.
	_, err := ta.MoveDeal(ctx, admin, deals[0].ID, stages["won"].ID, store.Place{}, "")
	is.NoErr(err)
	// A deal of October is not in November's cohort.
	ta.at(time.Date(2026, 10, 20, 10, 0, 0, 0, time.UTC))
	mustDeal(t, ta, admin, app.DealInput{Title: "Old", StageID: stages["proposal"].ID, Currency: "USD"})

	r, err := ta.FunnelReport(ctx, admin, app.ReportQuery{Period: november(t), PipelineID: p.ID, Owner: "team"})
	is.NoErr(err)
	is.Equal(r.Cohort, 10)
	is.Equal(len(r.Steps), 5)
	is.Equal(r.Steps[0].Reached, 10) // skipped stages count as passed
	is.Equal(r.Steps[2].Stage.ID, stages["demo"].ID)
	is.Equal(r.Steps[2].Reached, 10)
	is.Equal(r.Steps[2].Next, 3)
	is.True(near(r.Steps[2].Conversion, 30)) // 3 of 10 moved from Demo to Proposal
	is.Equal(r.Steps[2].DropOff, 7)
	is.Equal(r.Steps[3].Reached, 3)
	is.Equal(r.Steps[4].Reached, 1) // the won deal passed Contract review
	is.True(near(r.Steps[4].Conversion, 100))
	is.Equal(r.Won, 1)
	is.True(near(r.WinRate, 10))

	empty, err := ta.FunnelReport(ctx, admin, app.ReportQuery{Period: mustPeriod(t, "2025-01-01", "2025-01-31"), PipelineID: p.ID, Owner: "team"})
	is.NoErr(err)
	is.Equal(empty.Cohort, 0) // an empty period
	for _, s := range empty.Steps {
		is.Equal(s.Reached, 0)
		is.True(!math.IsNaN(s.Conversion) && s.Conversion == 0) // no division by zero
	}
}

func mustPeriod(t *testing.T, from, to string) app.Period {
	t.Helper()
	p, err := app.NewPeriod("custom", from, to, time.Now(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPipelineAndWinRate(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	ta.at(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	mustDeal(t, ta, admin, app.DealInput{Title: "A", StageID: stages["demo"].ID, Value: 100_00, Currency: "USD"})     // 40 %
	mustDeal(t, ta, admin, app.DealInput{Title: "B", StageID: stages["proposal"].ID, Value: 200_00, Currency: "USD"}) // 60 %
	mustDeal(t, ta, admin, app.DealInput{Title: "C", StageID: stages["demo"].ID, Value: 50_000, Currency: "KRW"})
	won1 := mustDeal(t, ta, admin, app.DealInput{Title: "W1", StageID: stages["demo"].ID, Value: 100_00, Currency: "USD", Source: "Referral"})
	won2 := mustDeal(t, ta, admin, app.DealInput{Title: "W2", StageID: stages["demo"].ID, Value: 300_00, Currency: "USD", Source: "Referral"})
	lost1 := mustDeal(t, ta, admin, app.DealInput{Title: "L1", StageID: stages["demo"].ID, Value: 999_00, Currency: "USD", Source: "Website"})
	lost2 := mustDeal(t, ta, admin, app.DealInput{Title: "L2", StageID: stages["demo"].ID, Value: 5, Currency: "EUR", Source: "Referral"})
	ta.at(time.Date(2026, 11, 6, 9, 0, 0, 0, time.UTC))
	for _, id := range []string{won1.ID, won2.ID} {
		_, err := ta.CloseDeal(ctx, admin, id, "won", "")
		is.NoErr(err)
	}
	for _, id := range []string{lost1.ID, lost2.ID} {
		_, err := ta.CloseDeal(ctx, admin, id, "lost", "Price")
		is.NoErr(err)
	}

	pr, err := ta.PipelineReport(ctx, admin, app.ReportQuery{Period: november(t), PipelineID: p.ID, Owner: "team"})
	is.NoErr(err)
	is.Equal(pr.Count, 3)
	is.Equal(pr.Value, []app.Money{{Value: 50_000, Currency: "KRW"}, {Value: 300_00, Currency: "USD"}}) // per currency, never summed
	is.Equal(pr.Weighted, []app.Money{{Value: 20_000, Currency: "KRW"}, {Value: 40_00 + 120_00, Currency: "USD"}})
	is.Equal(pr.Stages[2].Count, 2) // Demo

	wr, err := ta.WinRateReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"}, "source")
	is.NoErr(err)
	is.Equal(wr.Total.Won, 2)
	is.Equal(wr.Total.Lost, 2)
	is.True(near(wr.Total.Rate, 50))
	is.Equal(wr.Rows[0].Key, "Referral")
	is.Equal(wr.Rows[0].Won, 2)
	is.Equal(wr.Rows[0].Lost, 1)
	is.Equal(wr.Rows[0].Average, []app.Money{{Value: 200_00, Currency: "USD"}}) // (100 + 300) / 2

	empty, err := ta.WinRateReport(ctx, admin, app.ReportQuery{Period: mustPeriod(t, "2026-10-01", "2026-10-31"), Owner: "team"}, "period")
	is.NoErr(err)
	is.Equal(empty.Total.Won+empty.Total.Lost, 0)
	is.Equal(len(empty.Rows), 5) // October's weeks, all empty
	is.Equal(empty.Total.Rate, 0.0)

	tr, err := ta.TimeReport(ctx, admin, app.ReportQuery{Period: november(t), PipelineID: p.ID, Owner: "team"})
	is.NoErr(err)
	is.Equal(tr.Won, 2)
	is.True(near(tr.WonAvgDays, 4)) // created on the 2nd, won on the 6th
	is.Equal(tr.Stages[2].Count, 4) // four stays in Demo ended in November
	is.True(near(tr.Stages[2].AvgDays, 4))
	is.Equal(tr.Stages[0].Count, 0) // nobody passed through First outreach
}

// TestTimeInStage: a deal that spends 2 days in one stage and 3 in the
// next, measured only when the stay ends in the period.
func TestTimeInStage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	ta.at(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	d := mustDeal(t, ta, admin, app.DealInput{Title: "T", StageID: stages["first_outreach"].ID, Currency: "USD"})
	ta.at(time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC))
	_, err := ta.MoveDeal(ctx, admin, d.ID, stages["qualifying_call"].ID, store.Place{}, "")
	is.NoErr(err)
	ta.at(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	_, err = ta.MoveDeal(ctx, admin, d.ID, stages["demo"].ID, store.Place{}, "")
	is.NoErr(err)
	tr, err := ta.TimeReport(ctx, admin, app.ReportQuery{Period: november(t), PipelineID: p.ID, Owner: "team"})
	is.NoErr(err)
	is.Equal(tr.Stages[0].Count, 1)
	is.True(near(tr.Stages[0].AvgDays, 2))
	is.Equal(tr.Stages[1].Count, 0) // left Qualifying in December
	dec, err := ta.TimeReport(ctx, admin, app.ReportQuery{Period: mustPeriod(t, "2026-12-01", "2026-12-31"), PipelineID: p.ID, Owner: "team"})
	is.NoErr(err)
	is.True(near(dec.Stages[1].AvgDays, 28.5))
}

// TestTimeZoneBoundary: a contact created at 16:00 UTC on 30 November is
// in December for a reader in Seoul and in November for one in UTC.
func TestTimeZoneBoundary(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ta.at(time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC))
	_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Min", LeadSource: "Webinar"})
	is.NoErr(err)
	seoul, _ := time.LoadLocation("Asia/Seoul")
	count := func(key string, zone *time.Location) int {
		p, err := app.NewPeriod(key, "", "", ta.clock.Now(), zone)
		is.NoErr(err)
		rows, err := ta.SourcesReport(ctx, admin, app.ReportQuery{Period: p, Owner: "team"})
		is.NoErr(err)
		n := 0
		for _, r := range rows {
			n += r.Contacts
		}
		return n
	}
	is.Equal(count("this_month", time.UTC), 1) // November in UTC
	is.Equal(count("this_month", seoul), 1)    // December in Seoul: already 01:00 on the 1st
	is.Equal(count("last_month", seoul), 0)    // not in Seoul's November
	is.Equal(count("last_month", time.UTC), 0)
}

func TestActivityAdoptionAndGrowth(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	sam, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	ta.at(time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC))
	c, err := ta.CreateContact(ctx, sam, app.ContactInput{FirstName: "Lee", LifecycleStatus: "lead"})
	is.NoErr(err)
	for _, typ := range []string{"call", "call", "email"} {
		_, err := ta.LogActivity(ctx, sam, app.ActivityInput{TypeID: typ, Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		is.NoErr(err)
	}
	_, err = ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "note", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	_, err = ta.PatchContact(ctx, sam, c.ID, c.Version, func(in *app.ContactInput) { in.LifecycleStatus = "customer" })
	is.NoErr(err)
	task, err := ta.CreateTask(ctx, sam, app.TaskInput{Title: "Call", DueDate: "2026-11-10", AssigneeID: sam.ID})
	is.NoErr(err)
	_, _, err = ta.CompleteTask(ctx, sam, task.ID)
	is.NoErr(err)

	ar, err := ta.ActivityReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"})
	is.NoErr(err)
	is.Equal(ar.Total, 4)
	is.Equal(ar.Types, []string{"note", "call", "email"}) // in the types' own order
	is.Equal(ar.Users[0].UserID, sam.ID)
	is.Equal(ar.Users[0].ByType["call"], 2)
	is.Equal(ar.Buckets[2].Total, 4) // the week of 9 November

	mine, err := ta.ActivityReport(ctx, sam, app.ReportQuery{Period: november(t)})
	is.NoErr(err)
	is.Equal(mine.Total, 3) // a salesperson sees their own
	_, err = ta.ActivityReport(ctx, sam, app.ReportQuery{Period: november(t), Owner: "team"})
	is.Equal(app.ErrorCode(err), app.EForbidden) // and not the team's
	_, err = ta.ActivityReport(ctx, sam, app.ReportQuery{Period: november(t), Owner: admin.ID})
	is.Equal(app.ErrorCode(err), app.EForbidden) // nor a colleague's

	ad, err := ta.AdoptionReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"})
	is.NoErr(err)
	var samRow app.AdoptionRow
	for _, r := range ad {
		if r.User.ID == sam.ID {
			samRow = r
		}
	}
	is.Equal(samRow.Created, 5)  // the contact, three activities, the task
	is.True(samRow.Updated >= 1) // the contact's status
	is.Equal(samRow.TasksDone, 1)
	is.Equal(samRow.TasksOnTime, 1)

	gr, err := ta.GrowthReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"})
	is.NoErr(err)
	total := app.GrowthRow{}
	for _, r := range gr {
		total.NewContacts += r.NewContacts
		total.NewCustomers += r.NewCustomers
	}
	is.Equal(total.NewContacts, 1)
	is.Equal(total.NewCustomers, 1) // moved to customer by an edit
}

func TestGoalBaselineAndProgress(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	// Two contacts in the fortnight before the goal: the baseline.
	ta.at(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	for _, n := range []string{"A", "B"} {
		_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: n})
		is.NoErr(err)
	}
	ta.at(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	g, err := ta.CreateGoal(ctx, admin, app.GoalInput{Name: "Leads", Metric: app.MetricNewContacts, Target: "4", Deadline: "2026-12-14"})
	is.NoErr(err)
	is.Equal(g.Baseline, int64(2)) // the two weeks before the goal
	ta.at(time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
	for _, n := range []string{"C", "D", "E"} {
		_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: n})
		is.NoErr(err)
	}
	ta.at(time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC))
	p, err := ta.GoalDetail(ctx, admin, g.ID)
	is.NoErr(err)
	is.Equal(p.Current, int64(3))
	is.True(near(p.Percent, 75))
	is.True(!p.Reached)
	is.Equal(p.Points[len(p.Points)-1].Value, int64(3))
	is.True(len(p.Points) >= 2) // a point per week so far, and now

	_, err = ta.CreateGoal(ctx, admin, app.GoalInput{Name: "", Metric: "bogus", Target: "x", Deadline: "2020-01-01"})
	is.Equal(fieldProblem(err, "name"), "goal.error.name")
	is.Equal(fieldProblem(err, "metric"), "goal.error.metric")
	is.Equal(fieldProblem(err, "deadline"), "goal.error.deadline")
	rate, err := ta.CreateGoal(ctx, admin, app.GoalInput{Name: "Win", Metric: app.MetricWinRate, Target: "32.5 %", Deadline: "2026-12-31"})
	is.NoErr(err)
	is.Equal(rate.Target, int64(325)) // per mille

	sam, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	_, err = ta.CreateGoal(ctx, sam, app.GoalInput{Name: "Team", Metric: app.MetricActivities, Target: "10", Deadline: "2026-12-31"})
	is.Equal(app.ErrorCode(err), app.EForbidden) // a team goal is for managers
	own, err := ta.CreateGoal(ctx, sam, app.GoalInput{Name: "Mine", Metric: app.MetricActivities, UserID: sam.ID, Target: "10", Deadline: "2026-12-31"})
	is.NoErr(err)
	list, err := ta.GoalsInView(ctx, sam, sam.ID)
	is.NoErr(err)
	is.Equal(len(list), 3) // the two team goals and Sam's own
	is.NoErr(ta.SetPermissions(ctx, admin, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	sam, err = ta.UserByEmail(ctx, "sam@example.com")
	is.NoErr(err)
	list, err = ta.GoalsInView(ctx, sam, sam.ID)
	is.NoErr(err)
	is.Equal(len(list), 1) // limited to own records: not the team's totals
	_, err = ta.GoalDetail(ctx, sam, g.ID)
	is.Equal(app.ErrorCode(err), app.EForbidden)
	is.NoErr(ta.DeleteGoal(ctx, sam, own.ID))
	is.Equal(app.ErrorCode(ta.DeleteGoal(ctx, sam, g.ID)), app.EForbidden)
}

func TestDashboard(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, stages := salesPipeline(t, ta)
	ta.at(time.Date(2026, 10, 15, 9, 0, 0, 0, time.UTC))
	_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Oct", OwnerID: admin.ID})
	is.NoErr(err)
	ta.at(time.Date(2026, 11, 15, 9, 0, 0, 0, time.UTC))
	for _, n := range []string{"N1", "N2"} {
		_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: n, OwnerID: admin.ID})
		is.NoErr(err)
	}
	_, err = ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Someone else's", NoOwner: true})
	is.NoErr(err)
	mustDeal(t, ta, admin, app.DealInput{Title: "Open", StageID: stages["demo"].ID, Value: 1000_00, Currency: "USD", OwnerID: admin.ID, ExpectedCloseDate: "2026-12-20"})
	w := mustDeal(t, ta, admin, app.DealInput{Title: "Win", StageID: stages["demo"].ID, Value: 500_00, Currency: "USD", OwnerID: admin.ID})
	_, err = ta.CloseDeal(ctx, admin, w.ID, "won", "")
	is.NoErr(err)
	p, _ := app.NewPeriod("this_month", "", "", ta.clock.Now(), time.UTC)
	d, err := ta.Dashboard(ctx, admin, app.ReportQuery{Period: p})
	is.NoErr(err)
	is.Equal(d.NewContacts, int64(2))
	is.Equal(d.NewContactsPrior, int64(1))
	is.Equal(d.OpenCount, 1)
	is.Equal(d.Open, []app.Money{{Value: 1000_00, Currency: "USD"}})
	is.Equal(d.Weighted, []app.Money{{Value: 400_00, Currency: "USD"}})
	is.Equal(d.Forecast[0].Month, "2026-12")
	is.Equal(d.Won.Won, 1)
	is.True(near(d.Won.Rate, 100))
	is.Equal(d.WonBefore.Won, 0)
	team, err := ta.Dashboard(ctx, admin, app.ReportQuery{Period: p, Owner: "team"})
	is.NoErr(err)
	is.Equal(team.NewContacts, int64(3)) // the team view counts everyone's
}

// TestActivityDaysStayExact: the day summary follows edits, trashing and
// restoring, and periods in a zone east of UTC count the partial days at
// their edges from the activities themselves.
func TestActivityDaysStayExact(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Day"})
	is.NoErr(err)
	seoul, _ := time.LoadLocation("Asia/Seoul")
	log := func(at time.Time, typ string) app.Activity {
		a, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: typ, OccurredAt: at, Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		is.NoErr(err)
		return a
	}
	// Seoul's November runs from 31 Oct 15:00 UTC to 30 Nov 15:00 UTC.
	log(time.Date(2026, 10, 31, 14, 59, 0, 0, time.UTC), "call") // Seoul's October
	log(time.Date(2026, 10, 31, 15, 0, 0, 0, time.UTC), "call")  // Seoul's 1 November, 00:00
	log(time.Date(2026, 11, 15, 12, 0, 0, 0, time.UTC), "email")
	moved := log(time.Date(2026, 11, 16, 12, 0, 0, 0, time.UTC), "email")
	trashed := log(time.Date(2026, 11, 17, 12, 0, 0, 0, time.UTC), "note")
	log(time.Date(2026, 11, 30, 14, 59, 0, 0, time.UTC), "meeting") // Seoul's 30 November, 23:59
	log(time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC), "meeting")  // Seoul's December
	_, err = ta.UpdateActivity(ctx, admin, moved.ID, moved.Version, app.ActivityInput{TypeID: "call", OccurredAt: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC),
		Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	is.NoErr(ta.TrashActivity(ctx, admin, trashed.ID))
	p, err := app.NewPeriod("custom", "2026-11-01", "2026-11-30", time.Now(), seoul)
	is.NoErr(err)
	r, err := ta.ActivityReport(ctx, admin, app.ReportQuery{Period: p, Owner: "team"})
	is.NoErr(err)
	is.Equal(r.Total, 3) // 1 Nov 00:00, the 15th's email, 30 Nov 23:59 (Seoul)
	byType := map[string]int{}
	for _, b := range r.Buckets {
		for k, n := range b.ByType {
			byType[k] += n
		}
	}
	is.Equal(byType, map[string]int{"call": 1, "email": 1, "meeting": 1}) // the moved one left, the trashed one is gone
	utc, _ := app.NewPeriod("custom", "2026-11-01", "2026-11-30", time.Now(), time.UTC)
	r, err = ta.ActivityReport(ctx, admin, app.ReportQuery{Period: utc, Owner: "team"})
	is.NoErr(err)
	is.Equal(r.Total, 3) // in UTC: the 15th's email and both meetings of the 30th
	dec, _ := app.NewPeriod("custom", "2026-12-01", "2026-12-31", time.Now(), time.UTC)
	r, err = ta.ActivityReport(ctx, admin, app.ReportQuery{Period: dec, Owner: "team"})
	is.NoErr(err)
	is.Equal(r.Total, 1) // the moved call
}

// TestDealStaysMatchHistory: the stays kept on write are the ones the
// migration derives from the whole history (what an upgraded database
// starts with).
func TestDealStaysMatchHistory(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, stages := salesPipeline(t, ta)
	ta.at(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	d1 := mustDeal(t, ta, admin, app.DealInput{Title: "A", StageID: stages["first_outreach"].ID, Currency: "USD"})
	d2 := mustDeal(t, ta, admin, app.DealInput{Title: "B", StageID: stages["demo"].ID, Currency: "USD"})
	for i, move := range []struct {
		deal  app.Deal
		stage string
	}{{d1, "demo"}, {d2, "proposal"}, {d1, "qualifying_call"}, {d1, "won"}, {d2, "lost"}} {
		ta.at(time.Date(2026, 11, 2+i, 6, 0, 0, 0, time.UTC))
		_, err := ta.MoveDeal(ctx, admin, move.deal.ID, stages[move.stage].ID, store.Place{}, "Price")
		is.NoErr(err)
	}
	read := func(query string) []string {
		t.Helper()
		rows, err := ta.DB().Reader().QueryContext(ctx, query)
		is.NoErr(err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, deal, stage, entered, left string
			var days float64
			is.NoErr(rows.Scan(&id, &deal, &stage, &entered, &left, &days))
			out = append(out, id+deal+stage+entered+left+time.Duration(days*24*float64(time.Hour)).String())
		}
		return out
	}
	kept := read(`SELECT history_id, deal_id, stage_id, entered_at, left_at, days FROM deal_stays WHERE live = 1 ORDER BY history_id`)
	derived := read(`SELECT id, deal_id, stage, entered, at, julianday(at) - julianday(entered) FROM (
		SELECT h.id, h.deal_id, h.at, lag(h.to_stage_id) OVER w AS stage, lag(h.at) OVER w AS entered
		FROM deal_stage_history h WINDOW w AS (PARTITION BY h.deal_id ORDER BY h.at, h.id)) WHERE stage IS NOT NULL ORDER BY id`)
	is.Equal(len(kept), 5) // one stay ended by each move
	is.Equal(kept, derived)

	// A deal in the trash leaves time in stage, and comes back with it.
	all := mustPeriod(t, "2026-11-01", "2026-11-30")
	stays := func() int {
		r, err := ta.TimeReport(ctx, admin, app.ReportQuery{Period: all, Owner: "team"})
		is.NoErr(err)
		n := 0
		for _, s := range r.Stages {
			n += s.Count
		}
		return n
	}
	is.Equal(stays(), 5)
	is.NoErr(ta.TrashDeal(ctx, admin, d1.ID))
	is.Equal(stays(), 2) // d1's three stays are gone
	is.NoErr(ta.RestoreDeal(ctx, admin, d1.ID))
	is.Equal(stays(), 5)
}

// TestReportSegment: a contact segment narrows the contact figures; a
// deal segment the deal figures.
func TestReportSegment(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, stages := salesPipeline(t, ta)
	ta.at(time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC))
	for _, c := range []app.ContactInput{{FirstName: "A", LifecycleStatus: "customer"}, {FirstName: "B", LifecycleStatus: "lead"}, {FirstName: "C", LifecycleStatus: "customer"}} {
		_, err := ta.CreateContact(ctx, admin, c)
		is.NoErr(err)
	}
	for _, v := range []int64{100_00, 900_00} {
		d := mustDeal(t, ta, admin, app.DealInput{Title: "D", StageID: stages["demo"].ID, Value: v, Currency: "USD"})
		_, err := ta.CloseDeal(ctx, admin, d.ID, "won", "")
		is.NoErr(err)
	}
	customers, err := ta.CreateSegment(ctx, admin, app.SegmentInput{Entity: "contact", Name: "Customers", Query: "status:customer"})
	is.NoErr(err)
	big, err := ta.CreateSegment(ctx, admin, app.SegmentInput{Entity: "deal", Name: "Big", Query: "value:>500"})
	is.NoErr(err)
	count := func(segment string) (contacts, won int) {
		rows, err := ta.SourcesReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team", SegmentID: segment})
		is.NoErr(err)
		for _, r := range rows {
			contacts += r.Contacts
			won += r.Won
		}
		return contacts, won
	}
	c, w := count("")
	is.Equal([]int{c, w}, []int{3, 2})
	c, w = count(customers.ID)
	is.Equal([]int{c, w}, []int{2, 2}) // the contacts narrowed, the deals not
	c, w = count(big.ID)
	is.Equal([]int{c, w}, []int{3, 1}) // the deals narrowed, the contacts not
}
