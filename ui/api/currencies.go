package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Settings → Currencies in the API: the home currency that the dashboard,
// reports, forecast and goals add up in, and the dated exchange rates.
// Anyone who may see reports reads them (they explain the totals); admins
// change them, as on the page.

// CurrenciesJSON is the home currency, its rates, and the currencies
// deals use without a rate (their amounts are reported in no_rate).
type CurrenciesJSON struct {
	HomeCurrency string             `json:"home_currency"`
	Rates        []CurrencyRateJSON `json:"rates"`
	WithoutRate  []string           `json:"without_rate"`
}

// CurrenciesPatch changes the home currency.
type CurrenciesPatch struct {
	HomeCurrency *string `json:"home_currency"`
}

// CurrencyRateJSON is one rate: one unit of currency is worth rate units
// of base (the home currency) from effective_on until the next rate of
// the same currency.
type CurrencyRateJSON struct {
	ID          string `json:"id"`
	Currency    string `json:"currency"`
	Base        string `json:"base"`
	EffectiveOn string `json:"effective_on"`
	Rate        string `json:"rate"`
}

// CurrencyRateInput enters a rate; on PATCH an absent member stays.
type CurrencyRateInput struct {
	Currency    *string `json:"currency"`
	EffectiveOn *string `json:"effective_on"`
	Rate        *string `json:"rate"`
}

func rateOf(r app.CurrencyRate) CurrencyRateJSON {
	return CurrencyRateJSON{ID: r.ID, Currency: r.Currency, Base: r.Base, EffectiveOn: r.EffectiveOn, Rate: r.Rate}
}

func (s *apiSite) currencies(r *http.Request) (CurrenciesJSON, error) {
	ctx, user := r.Context(), request.CurrentUser(r)
	out := CurrenciesJSON{HomeCurrency: s.app.HomeCurrency(ctx), Rates: []CurrencyRateJSON{}, WithoutRate: []string{}}
	rates, err := s.app.CurrencyRates(ctx, user)
	if err != nil {
		return out, err
	}
	for _, rate := range rates {
		out.Rates = append(out.Rates, rateOf(rate))
	}
	missing, err := s.app.CurrenciesWithoutRate(ctx, user)
	out.WithoutRate = append(out.WithoutRate, missing...)
	return out, err
}

func handleAPICurrencies(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaReports, app.LevelView) {
			return
		}
		out, err := s.currencies(r)
		answer(w, r, s, http.StatusOK, out, err)
	})
}

func handleAPICurrenciesUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in CurrenciesPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		if in.HomeCurrency != nil {
			if err := s.app.SetHomeCurrency(r.Context(), request.CurrentUser(r), *in.HomeCurrency); err != nil {
				writeAPIError(w, r, s, err)
				return
			}
		}
		out, err := s.currencies(r)
		answer(w, r, s, http.StatusOK, out, err)
	})
}

func handleAPIRateCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in CurrencyRateInput
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		var entry app.CurrencyRateInput
		applyPatch(&entry.Currency, in.Currency)
		applyPatch(&entry.EffectiveOn, in.EffectiveOn)
		applyPatch(&entry.Rate, in.Rate)
		rate, err := s.app.AddCurrencyRate(r.Context(), request.CurrentUser(r), entry)
		answer(w, r, s, http.StatusCreated, rateOf(rate), err)
	})
}

func handleAPIRate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaReports, app.LevelView) {
			return
		}
		rate, err := s.app.CurrencyRate(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		answer(w, r, s, http.StatusOK, rateOf(rate), err)
	})
}

func handleAPIRateUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in CurrencyRateInput
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		ctx, user, id := r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]
		old, err := s.app.CurrencyRate(ctx, user, id)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		entry := app.CurrencyRateInput{Currency: old.Currency, EffectiveOn: old.EffectiveOn, Rate: old.Rate}
		applyPatch(&entry.Currency, in.Currency)
		applyPatch(&entry.EffectiveOn, in.EffectiveOn)
		applyPatch(&entry.Rate, in.Rate)
		rate, err := s.app.UpdateCurrencyRate(ctx, user, id, entry)
		answer(w, r, s, http.StatusOK, rateOf(rate), err)
	})
}

func handleAPIRateDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		noContent(w, r, s, s.app.DeleteCurrencyRate(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]))
	})
}

var currencyOperations = []ApiOperation{
	{Method: "GET", Path: "/currencies", Tag: "reports", Summary: "The home currency totals are added up in, its dated exchange rates, and the currencies deals use without a rate", Response: "Currencies", Status: 200},
	{Method: "PATCH", Path: "/currencies", Tag: "reports", Summary: "Change the home currency (admins); rates entered for another home currency stay unused", Request: "CurrenciesPatch", Response: "Currencies", Status: 200},
	{Method: "POST", Path: "/currencies/rates", Tag: "reports", Summary: "Enter an exchange rate in force from a day on (admins); one rate per currency and day", Request: "CurrencyRateInput", Response: "CurrencyRate", Status: 201},
	{Method: "GET", Path: "/currencies/rates/{id}", Tag: "reports", Summary: "Show an exchange rate", Response: "CurrencyRate", Status: 200},
	{Method: "PATCH", Path: "/currencies/rates/{id}", Tag: "reports", Summary: "Change an exchange rate's currency, day or value (admins)", Request: "CurrencyRateInput", Response: "CurrencyRate", Status: 200},
	{Method: "DELETE", Path: "/currencies/rates/{id}", Tag: "reports", Summary: "Delete an exchange rate (admins); amounts it converted are converted by the others, or shown apart", Status: 204},
}

func init() {
	ApiOperations = append(ApiOperations, currencyOperations...)
	addSchemaTypes(map[string]any{
		"Currencies":        CurrenciesJSON{},
		"CurrenciesPatch":   CurrenciesPatch{},
		"CurrencyRate":      CurrencyRateJSON{},
		"CurrencyRateInput": CurrencyRateInput{},
		"HomeMoney":         homeMoneyJSON{},
	})
	for name, hint := range map[string]map[string]any{
		"CurrencyRate.effective_on":      {"format": "date"},
		"CurrencyRate.rate":              {"description": "what one unit of currency is worth in base, as a decimal string (exact)"},
		"CurrencyRateInput.effective_on": {"format": "date"},
		"CurrencyRateInput.rate":         {"description": "a decimal above zero, such as \"1.08\" or \"0.00074\""},
		"CurrencyRateInput.currency":     {"description": "ISO 4217 code, not the home currency"},
		"HomeMoney.no_rate":              {"description": "amounts in currencies without any rate: never added into total"},
		"HomeMoney.converted":            {"description": "the amounts added into total, per currency as entered"},
	} {
		fieldHints[name] = hint
	}
}
