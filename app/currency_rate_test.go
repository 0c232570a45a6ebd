package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// TestMoneyInHomeCurrency: deals in euros, won and dollars add up in the
// home currency (USD), each at the rate in force on its close day or
// expected close date; yen, which has no rate, stays apart and is never
// added; rates can be changed and deleted, and only admins enter them.
func TestMoneyInHomeCurrency(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, admin, deal := dollarSales(t)
	is.Equal(ta.HomeCurrency(ctx), "USD")

	rate := func(currency, day, r string) app.CurrencyRate {
		t.Helper()
		out, err := ta.AddCurrencyRate(ctx, admin, app.CurrencyRateInput{Currency: currency, EffectiveOn: day, Rate: r})
		is.NoErr(err)
		return out
	}
	rate("EUR", "2026-10-01", "1.10")
	rate("EUR", "2026-11-10", "1.20")
	krw := rate("KRW", "2026-10-01", "0.00075")

	// What an admin may not enter.
	for _, c := range []struct {
		in    app.CurrencyRateInput
		field string
	}{
		{app.CurrencyRateInput{Currency: "USD", EffectiveOn: "2026-10-01", Rate: "1"}, "currency"},       // the home currency itself
		{app.CurrencyRateInput{Currency: "EUR", EffectiveOn: "2026-10-01", Rate: "1.3"}, "effective_on"}, // a second rate that day
		{app.CurrencyRateInput{Currency: "EUR", EffectiveOn: "1 Oct", Rate: "1.3"}, "effective_on"},
		{app.CurrencyRateInput{Currency: "EUR", EffectiveOn: "2026-10-02", Rate: "-1"}, "rate"},
		{app.CurrencyRateInput{Currency: "EUR", EffectiveOn: "2026-10-02", Rate: "0"}, "rate"},
		{app.CurrencyRateInput{Currency: "ZZZ", EffectiveOn: "2026-10-02", Rate: "1"}, "currency"},
	} {
		_, err := ta.AddCurrencyRate(ctx, admin, c.in)
		is.True(fieldProblem(err, c.field) != "") // refused on the right field
	}
	sales := mustUser(t, ta, "Sam Sales")
	_, err := ta.AddCurrencyRate(ctx, sales, app.CurrencyRateInput{Currency: "GBP", EffectiveOn: "2026-10-01", Rate: "1.3"})
	is.Equal(app.ErrorCode(err), app.EForbidden) // only admins enter rates

	closeOn := func(day int, d app.Deal) {
		t.Helper()
		ta.at(time.Date(2026, 11, day, 12, 0, 0, 0, time.UTC))
		_, err := ta.CloseDeal(ctx, admin, d.ID, "won", "")
		is.NoErr(err)
	}
	ta.at(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	goal, err := ta.CreateGoal(ctx, admin, app.GoalInput{Name: "Revenue", Metric: app.MetricRevenueWon, Currency: "USD", Target: "2000", Deadline: "2026-12-31"})
	is.NoErr(err)
	ta.at(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	closeOn(5, deal("EUR", 100_00, ""))     // 1.10 → $110.00
	closeOn(12, deal("EUR", 100_00, ""))    // 1.20 → $120.00
	closeOn(12, deal("KRW", 1_000_000, "")) // 0.00075 → $750.00
	closeOn(20, deal("USD", 50_00, ""))     // $50.00
	closeOn(20, deal("JPY", 10_000, ""))    // no rate
	deal("EUR", 1000_00, "2026-10-20")      // open, expected before the change: 1.10
	deal("EUR", 1000_00, "2026-12-20")      // after it: 1.20
	deal("KRW", 2_000_000, "")              // undated: today's rate
	ta.at(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))

	wr, err := ta.WinRateReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"}, "owner")
	is.NoErr(err)
	home := wr.Total.ValueHome
	is.Equal(home.Total, app.Money{Value: 110_00 + 120_00 + 750_00 + 50_00, Currency: "USD"})
	is.Equal(home.Converted, []app.Money{{Value: 200_00, Currency: "EUR"}, {Value: 1_000_000, Currency: "KRW"}, {Value: 50_00, Currency: "USD"}})
	is.Equal(home.NoRate, []app.Money{{Value: 10_000, Currency: "JPY"}}) // shown apart, never summed
	is.Equal(wr.Total.AverageHome.Total.Value, int64(1030_00/4))         // over the four deals that converted

	p, err := ta.GoalDetail(ctx, admin, goal.ID)
	is.NoErr(err)
	is.Equal(p.Current, int64(1030_00)) // a revenue goal in the home currency counts every currency with a rate

	d, err := ta.Dashboard(ctx, admin, app.ReportQuery{Period: november(t)})
	is.NoErr(err)
	is.Equal(d.Won.ValueHome.Total.Value, int64(1030_00))
	is.Equal(d.OpenHome.Total, app.Money{Value: 1100_00 + 1200_00 + 1500_00, Currency: "USD"})
	var months []string
	for _, m := range d.Forecast {
		months = append(months, m.Month)
	}
	is.Equal(months, []string{"2026-10", "2026-12", ""})
	is.Equal(d.Forecast[0].ValueHome.Total.Value, int64(1100_00))
	is.Equal(d.Forecast[1].ValueHome.Total.Value, int64(1200_00))

	// A changed rate applies at once; a deleted one leaves its currency
	// without a rate, shown apart.
	_, err = ta.UpdateCurrencyRate(ctx, admin, krw.ID, app.CurrencyRateInput{Currency: "KRW", EffectiveOn: "2026-10-01", Rate: "0.0008"})
	is.NoErr(err)
	wr, err = ta.WinRateReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"}, "owner")
	is.NoErr(err)
	is.Equal(wr.Total.ValueHome.Total.Value, int64(110_00+120_00+800_00+50_00))
	is.NoErr(ta.DeleteCurrencyRate(ctx, admin, krw.ID))
	wr, err = ta.WinRateReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"}, "owner")
	is.NoErr(err)
	is.Equal(wr.Total.ValueHome.Total.Value, int64(110_00+120_00+50_00))
	is.Equal(wr.Total.ValueHome.NoRate, []app.Money{{Value: 10_000, Currency: "JPY"}, {Value: 1_000_000, Currency: "KRW"}})

	// Rates belong to the home currency they were entered against.
	is.NoErr(ta.SetHomeCurrency(ctx, admin, "EUR"))
	list, err := ta.CurrencyRates(ctx, admin)
	is.NoErr(err)
	is.Equal(len(list), 0)
}

// TestRateBookConvert: minor units of each currency (won and yen have
// none), rounding half up, and a day before the first rate.
func TestRateBookConvert(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	is.NoErr(ta.SetHomeCurrency(ctx, admin, "KRW"))
	for _, r := range []app.CurrencyRateInput{{Currency: "USD", EffectiveOn: "2026-01-01", Rate: "1,350.5"}, {Currency: "BHD", EffectiveOn: "2026-01-01", Rate: "3581.25"}} {
		_, err := ta.AddCurrencyRate(ctx, admin, r)
		is.NoErr(err)
	}
	book, err := ta.RateBook(ctx)
	is.NoErr(err)
	for _, c := range []struct {
		value    int64
		currency string
		day      string
		want     int64
	}{
		{1_00, "USD", "2026-06-01", 1351},   // $1.00 = ₩1,350.5, rounded half up
		{1, "USD", "2026-06-01", 14},        // one cent = ₩13.505
		{1_000, "BHD", "2026-06-01", 3581},  // BHD has three decimals
		{1_00, "USD", "2025-06-01", 1351},   // before the first rate: the first rate
		{5_000, "KRW", "2026-06-01", 5_000}, // the home currency as it is
	} {
		got, ok := book.Convert(c.value, c.currency, c.day)
		is.True(ok)
		is.Equal(got, c.want)
	}
	_, ok := book.Convert(100, "JPY", "2026-06-01")
	is.True(!ok) // no rate: not converted
}

// TestReportsWithoutRatesKeepTheirGroups: deals in currencies whose amount
// converts the same every day (the home currency, one without rates) are
// added up without their day, yet each month, owner and outcome stays its
// own group, beside a currency with rates that converts by the day.
func TestReportsWithoutRatesKeepTheirGroups(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, admin, deal := dollarSales(t)
	for _, r := range []app.CurrencyRateInput{{Currency: "EUR", EffectiveOn: "2026-10-01", Rate: "1.1"}, {Currency: "EUR", EffectiveOn: "2026-11-10", Rate: "1.2"}} {
		_, err := ta.AddCurrencyRate(ctx, admin, r)
		is.NoErr(err)
	}
	ta.at(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	for _, d := range []struct {
		currency string
		value    int64
		expected string
	}{{"JPY", 1000, "2026-12-05"}, {"JPY", 2000, "2027-01-10"}, {"JPY", 4000, "2027-01-20"}, {"USD", 10_00, "2026-12-06"}, {"USD", 20_00, "2027-02-01"},
		{"EUR", 100_00, "2026-11-05"}, {"EUR", 100_00, "2026-11-25"}} {
		deal(d.currency, d.value, d.expected)
	}
	forecast, err := ta.Forecast(ctx, admin, app.ReportQuery{Period: november(t)})
	is.NoErr(err)
	got := map[string][]app.Money{}
	counts := map[string]int{}
	for _, m := range forecast {
		got[m.Month], counts[m.Month] = m.Value, m.Count
	}
	is.Equal(counts, map[string]int{"2026-11": 2, "2026-12": 2, "2027-01": 2, "2027-02": 1}) // no month merged into another
	is.Equal(got["2027-01"], []app.Money{{Value: 6000, Currency: "JPY"}})
	is.Equal(got["2026-12"], []app.Money{{Value: 1000, Currency: "JPY"}, {Value: 10_00, Currency: "USD"}})
	for _, m := range forecast {
		if m.Month == "2026-11" {
			is.Equal(m.ValueHome.Total.Value, int64(110_00+120_00)) // each EUR deal on its own day's rate
		}
	}

	// Closed: two outcomes in yen, which has no rate, stay apart.
	won, lost := deal("JPY", 500, ""), deal("JPY", 700, "")
	ta.at(time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC))
	_, err = ta.CloseDeal(ctx, admin, won.ID, "won", "")
	is.NoErr(err)
	ta.at(time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC))
	_, err = ta.CloseDeal(ctx, admin, lost.ID, "lost", "Price")
	is.NoErr(err)
	wr, err := ta.WinRateReport(ctx, admin, app.ReportQuery{Period: november(t), Owner: "team"}, "owner")
	is.NoErr(err)
	is.Equal(wr.Total.Won, 1)
	is.Equal(wr.Total.Lost, 1)
	is.Equal(wr.Total.Value, []app.Money{{Value: 500, Currency: "JPY"}})
	is.Equal(wr.Total.ValueHome.NoRate, []app.Money{{Value: 500, Currency: "JPY"}})
}

// dollarSales is an app whose home currency is USD, with its admin and a
// way to add an open deal of theirs in the sales pipeline's demo stage.
func dollarSales(t *testing.T) (*testApp, *app.User, func(currency string, value int64, expected string) app.Deal) {
	t.Helper()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, stages := salesPipeline(t, ta)
	if err := ta.SetHomeCurrency(context.Background(), admin, "usd"); err != nil {
		t.Fatal(err)
	}
	return ta, admin, func(currency string, value int64, expected string) app.Deal {
		return mustDeal(t, ta, admin, app.DealInput{Title: currency, StageID: stages["demo"].ID, Value: value, Currency: currency, OwnerID: admin.ID, ExpectedCloseDate: expected})
	}
}
