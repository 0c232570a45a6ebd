package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestCurrenciesSettings: an admin sets the home currency and enters,
// changes and deletes dated rates on Settings → Currencies and through
// the API (every exchange checked against the OpenAPI document); the
// dashboard and the win rate report then add up in the home currency with
// the breakdown on demand, and a currency without a rate is shown apart.
func TestCurrenciesSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := context.Background()
	is := is.New(t)

	res := admin.post("/settings/currencies/home", url.Values{"home_currency": {"usd"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(ts.app.HomeCurrency(ctx), "USD")
	res = admin.post("/settings/currencies/rates", url.Values{"currency": {"EUR"}, "effective_on": {"2020-01-01"}, "rate": {"1.10"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(admin.get("/settings/currencies").Body, "1 EUR = 1.1 USD"))
	res = admin.post("/settings/currencies/rates", url.Values{"currency": {"EUR"}, "effective_on": {"2020-01-01"}, "rate": {"1.2"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // a second rate that day
	is.True(strings.Contains(res.Body, "already has a rate from that day"))
	res = admin.post("/settings/currencies/rates", url.Values{"currency": {"KRW"}, "effective_on": {"2020-01-01"}, "rate": {"zero"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, `value="KRW"`)) // the form comes back as typed

	// The API: create, read, change, list and delete.
	created := decode[struct {
		ID   string `json:"id"`
		Rate string `json:"rate"`
		Base string `json:"base"`
	}](t, admin.json("POST", "/api/v1/currencies/rates", `{"currency":"KRW","effective_on":"2020-01-01","rate":"0.00080"}`), http.StatusCreated)
	is.Equal(created.Rate, "0.0008")
	is.Equal(created.Base, "USD")
	changed := decode[struct {
		Rate string `json:"rate"`
	}](t, admin.json("PATCH", "/api/v1/currencies/rates/"+created.ID, `{"rate":"0.00075"}`), http.StatusOK)
	is.Equal(changed.Rate, "0.00075")
	bad := admin.json("POST", "/api/v1/currencies/rates", `{"currency":"USD","effective_on":"2020-01-01","rate":"1"}`)
	is.Equal(bad.StatusCode, http.StatusUnprocessableEntity) // the home currency needs no rate

	// Deals in three currencies with rates and one without.
	p, err := ts.app.DefaultPipeline(ctx, nil)
	is.NoErr(err)
	for _, d := range []struct {
		currency string
		value    int64
	}{{"EUR", 100_00}, {"KRW", 1_000_000}, {"USD", 50_00}, {"JPY", 10_000}} {
		deal, err := ts.app.CreateDeal(ctx, nil, app.DealInput{Title: d.currency, StageID: p.Stages[1].ID, Value: d.value, Currency: d.currency})
		is.NoErr(err)
		_, err = ts.app.CloseDeal(ctx, nil, deal.ID, "won", "")
		is.NoErr(err)
	}
	list := decode[struct {
		Home        string   `json:"home_currency"`
		WithoutRate []string `json:"without_rate"`
		Rates       []struct {
			Currency string `json:"currency"`
		} `json:"rates"`
	}](t, admin.get("/api/v1/currencies"), http.StatusOK)
	is.Equal(list.Home, "USD")
	is.Equal(len(list.Rates), 2)
	is.Equal(list.WithoutRate, []string{"JPY"})

	type home struct {
		Total     moneyOut   `json:"total"`
		Converted []moneyOut `json:"converted"`
		NoRate    []moneyOut `json:"no_rate"`
	}
	wr := decode[reportOut[struct {
		Total struct {
			ValueHome home `json:"value_home"`
		} `json:"total"`
	}]](t, admin.get("/api/v1/reports/win_rate?owner=team"), http.StatusOK)
	is.Equal(wr.Data.Total.ValueHome.Total, moneyOut{110_00 + 750_00 + 50_00, "USD"})
	is.Equal(wr.Data.Total.ValueHome.NoRate, []moneyOut{{10_000, "JPY"}}) // never added in

	page := admin.get("/dashboard?owner=team")
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, `<span class="money">$910.00</span>`)) // won, in the home currency
	is.True(strings.Contains(page.Body, `<details class="money-breakdown">`))  // the breakdown on demand
	is.True(strings.Contains(page.Body, "€100.00"))
	is.True(strings.Contains(page.Body, "Not included (no exchange rate):"))
	is.True(strings.Contains(page.Body, "¥10,000"))
	report := admin.get("/reports/win_rate?owner=team")
	is.True(strings.Contains(report.Body, `<span class="money">$910.00</span>`))
	csv := admin.get("/reports/win_rate.csv?owner=team")
	is.True(strings.Contains(csv.Body, "USD 910.00; JPY 10000 no rate"))

	is.Equal(admin.json("DELETE", "/api/v1/currencies/rates/"+created.ID, "").StatusCode, http.StatusNoContent)
	settings := admin.get("/settings/currencies")
	is.True(strings.Contains(settings.Body, `id="currencies-missing"`)) // JPY and now KRW have no rate
	is.True(strings.Contains(settings.Body, "<strong>KRW</strong>"))
	res = admin.post("/settings/currencies/rates/"+firstRateID(t, ts)+"/delete", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(admin.get("/settings/currencies").Body, `id="currencies-none"`))

	sales := ts.loginAs(t, app.RoleSales)
	is.Equal(sales.json("POST", "/api/v1/currencies/rates", `{"currency":"GBP","effective_on":"2020-01-01","rate":"1.3"}`).StatusCode, http.StatusForbidden)
	is.Equal(sales.get("/api/v1/currencies").StatusCode, http.StatusOK) // the rates explain the totals everyone sees
}

func firstRateID(t *testing.T, ts *testServer) string {
	t.Helper()
	rates, err := ts.app.CurrencyRates(context.Background(), nil)
	if err != nil || len(rates) == 0 {
		t.Fatalf("no rate: %v", err)
	}
	return rates[0].ID
}
