package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// currenciesPage is Settings → Currencies: the home currency that totals
// are added up in, and the dated exchange rates an admin enters.
type currenciesPage struct {
	Base
	Home      string
	Rates     []rateRow
	Missing   []string // currencies deals use without a rate
	Form      app.CurrencyRateInput
	Errors    map[string]string
	ErrorsFor string // "home", "new" or the id of the rate whose form failed
}

// rateRow is a rate as the page lists it, with its edit form's values.
type rateRow struct {
	app.CurrencyRate
	Meaning string // "1 EUR = 1.08 USD"
}

func (s *site) renderCurrencies(w http.ResponseWriter, r *http.Request, status int, page currenciesPage) {
	ctx := r.Context()
	page.Home = s.app.HomeCurrency(ctx)
	rates, err := s.app.CurrencyRates(ctx, page.User)
	if err == nil {
		page.Missing, err = s.app.CurrenciesWithoutRate(ctx, page.User)
	}
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	for _, rate := range rates {
		page.Rates = append(page.Rates, rateRow{CurrencyRate: rate,
			Meaning: s.catalog.T(page.Lang, "currencies.meaning", rate.Currency, rate.Rate, rate.Base)})
	}
	if page.Form.EffectiveOn == "" {
		page.Form.EffectiveOn = app.Day(s.app.Now())
	}
	s.views.render(w, r, status, "currencies", page.Lang, page)
}

// handleCurrencies shows the home currency and the rates (admins).
func handleCurrencies(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderCurrencies(w, r, http.StatusOK, currenciesPage{Base: s.base(w, r, "currencies.title")})
	})
}

// currencyAction runs one change from the page and answers as every form
// does: the page again with the problems (422), or a redirect and a flash.
func (s *site) currencyAction(errorsFor, flash string, act func(r *http.Request, user *app.User) (app.CurrencyRateInput, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "currencies.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		in, err := act(r, b.User)
		if fields := fieldErrors(err); fields != nil {
			page := currenciesPage{Base: b, Errors: fields, ErrorsFor: errorsFor}
			if errorsFor == "new" {
				page.Form = in
			}
			if errorsFor == "rate" {
				page.ErrorsFor = mux.Vars(r)["id"]
			}
			s.renderCurrencies(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, flash)
		redirect(w, r, s.recordPath("currencies"))
	})
}

func readRate(r *http.Request) app.CurrencyRateInput {
	return app.CurrencyRateInput{Currency: r.PostForm.Get("currency"), EffectiveOn: r.PostForm.Get("effective_on"), Rate: r.PostForm.Get("rate")}
}

// handleHomeCurrency sets the home currency (form field home_currency).
func handleHomeCurrency(s *site) http.Handler {
	return s.currencyAction("home", "currencies.home_saved", func(r *http.Request, user *app.User) (app.CurrencyRateInput, error) {
		return app.CurrencyRateInput{}, s.app.SetHomeCurrency(r.Context(), user, r.PostForm.Get("home_currency"))
	})
}

// handleRateCreate adds a rate (fields currency, effective_on, rate).
func handleRateCreate(s *site) http.Handler {
	return s.currencyAction("new", "currencies.rate_added", func(r *http.Request, user *app.User) (app.CurrencyRateInput, error) {
		in := readRate(r)
		_, err := s.app.AddCurrencyRate(r.Context(), user, in)
		return in, err
	})
}

// handleRateUpdate changes a rate.
func handleRateUpdate(s *site) http.Handler {
	return s.currencyAction("rate", "currencies.rate_saved", func(r *http.Request, user *app.User) (app.CurrencyRateInput, error) {
		in := readRate(r)
		_, err := s.app.UpdateCurrencyRate(r.Context(), user, mux.Vars(r)["id"], in)
		return in, err
	})
}

// handleRateDelete removes a rate.
func handleRateDelete(s *site) http.Handler {
	return s.currencyAction("rate", "currencies.rate_deleted", func(r *http.Request, user *app.User) (app.CurrencyRateInput, error) {
		return app.CurrencyRateInput{}, s.app.DeleteCurrencyRate(r.Context(), user, mux.Vars(r)["id"])
	})
}
