package app

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"time"

	"rolo/store"
)

// CurrencyRate is an exchange rate an admin entered: one unit of Currency
// is worth Rate units of the home currency from EffectiveOn on.
type CurrencyRate = store.CurrencyRate

// CurrencyRateInput is a rate as the form or the API sends it: the
// currency code, the day it takes effect (YYYY-MM-DD) and the rate as a
// decimal ("1350.25", "0.00074"; group separators allowed).
type CurrencyRateInput struct {
	Currency    string
	EffectiveOn string
	Rate        string
}

// maxRateDigits bounds a rate's significant digits so that a typo of a
// thousand zeros is refused rather than stored.
const maxRateDigits = 18

// HomeCurrency is the currency the dashboard, reports, forecast and goals
// add up in: the one an admin chose, else the default currency of deals.
func (a *App) HomeCurrency(ctx context.Context) string {
	code, err := store.Setting(ctx, a.db.Reader(), "currency.home", "")
	if err == nil {
		if c, ok := NormalizeCurrency(code); ok {
			return c
		}
	}
	return a.DefaultCurrency(ctx)
}

// SetHomeCurrency changes the home currency (admins). Rates entered for
// another home currency stay, unused, until it is the home one again.
func (a *App) SetHomeCurrency(ctx context.Context, actor Actor, code string) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	c, ok := NormalizeCurrency(code)
	if !ok {
		return Invalid(map[string]string{"home_currency": "error.currency_invalid"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutSetting(ctx, tx, "currency.home", c); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSettingsUpdated, Entity: "settings", ID: "home_currency",
			Details: map[string]any{"home_currency": c}})
	})
}

// CurrencyRates lists the rates against the home currency, by currency and
// day. Anyone who may see reports may read them (they explain the totals).
func (a *App) CurrencyRates(ctx context.Context, actor Actor) ([]CurrencyRate, error) {
	if err := a.can(actor, AreaReports, LevelView); err != nil {
		return nil, err
	}
	return store.ListCurrencyRates(ctx, a.db.Reader(), a.HomeCurrency(ctx))
}

// CurrencyRate reads one rate.
func (a *App) CurrencyRate(ctx context.Context, actor Actor, id string) (CurrencyRate, error) {
	if err := a.can(actor, AreaReports, LevelView); err != nil {
		return CurrencyRate{}, err
	}
	return store.GetCurrencyRate(ctx, a.db.Reader(), id)
}

// cleanRate checks a rate input against the home currency.
func cleanRate(in CurrencyRateInput, home string) (CurrencyRate, error) {
	p := map[string]string{}
	r := CurrencyRate{Base: home}
	code, ok := NormalizeCurrency(in.Currency)
	switch {
	case !ok:
		p["currency"] = "error.currency_invalid"
	case code == home:
		p["currency"] = "error.rate_home_currency"
	}
	r.Currency = code
	day, err := time.Parse(time.DateOnly, strings.TrimSpace(in.EffectiveOn))
	if err != nil {
		p["effective_on"] = "error.date_invalid"
	}
	r.EffectiveOn = day.Format(time.DateOnly)
	rate, ok := parseRate(in.Rate)
	if !ok {
		p["rate"] = "error.rate_invalid"
	}
	r.Rate = rate
	if len(p) > 0 {
		return r, Invalid(p)
	}
	return r, nil
}

// parseRate reads a positive decimal rate ("1,350.25", "0.00074") and
// gives it back in its shortest exact form.
func parseRate(s string) (string, bool) {
	s = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "_", "").Replace(strings.TrimSpace(s))
	digits := strings.Trim(strings.ReplaceAll(s, ".", ""), "0")
	if s == "" || len(digits) > maxRateDigits || strings.ContainsAny(s, "eE+-/") {
		return "", false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || r.Sign() <= 0 {
		return "", false
	}
	out := r.FloatString(maxRateDigits)
	out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	return out, true
}

// AddCurrencyRate enters a rate (admins); a second rate for the same
// currency and day answers a conflict.
func (a *App) AddCurrencyRate(ctx context.Context, actor Actor, in CurrencyRateInput) (CurrencyRate, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return CurrencyRate{}, err
	}
	r, err := cleanRate(in, a.HomeCurrency(ctx))
	if err != nil {
		return r, err
	}
	r.ID = a.cfg.NewID()
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.InsertCurrencyRate(ctx, tx, r); err != nil {
			return rateConflict(err)
		}
		return a.recordRate(ctx, tx, actor, r, "added")
	})
	return r, err
}

// UpdateCurrencyRate changes a rate's currency, day or value (admins).
func (a *App) UpdateCurrencyRate(ctx context.Context, actor Actor, id string, in CurrencyRateInput) (CurrencyRate, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return CurrencyRate{}, err
	}
	old, err := store.GetCurrencyRate(ctx, a.db.Reader(), id)
	if err != nil {
		return old, err
	}
	r, err := cleanRate(in, old.Base)
	if err != nil {
		return r, err
	}
	r.ID = id
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.UpdateCurrencyRate(ctx, tx, r); err != nil {
			return rateConflict(err)
		}
		return a.recordRate(ctx, tx, actor, r, "changed")
	})
	return r, err
}

// DeleteCurrencyRate removes a rate (admins).
func (a *App) DeleteCurrencyRate(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		r, err := store.GetCurrencyRate(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := store.DeleteCurrencyRate(ctx, tx, id); err != nil {
			return err
		}
		return a.recordRate(ctx, tx, actor, r, "deleted")
	})
}

// rateConflict names the field a duplicate day conflicts on.
func rateConflict(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return Invalid(map[string]string{"effective_on": "error.rate_duplicate"})
	}
	return err
}

func (a *App) recordRate(ctx context.Context, tx *store.Tx, actor Actor, r CurrencyRate, what string) error {
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionSettingsUpdated, Entity: "settings", ID: "currency_rates",
		Details: map[string]any{"rate_" + what: r.Currency + " " + r.EffectiveOn + " " + r.Rate + " " + r.Base}})
}

// CurrenciesWithoutRate lists the currencies live deals use that have no
// rate against the home currency: their amounts are shown apart.
func (a *App) CurrenciesWithoutRate(ctx context.Context, actor Actor) ([]string, error) {
	if err := a.can(actor, AreaReports, LevelView); err != nil {
		return nil, err
	}
	book, err := a.RateBook(ctx)
	if err != nil {
		return nil, err
	}
	used, err := store.DealCurrencies(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range used {
		if !book.has(c) {
			out = append(out, c)
		}
	}
	return out, nil
}
