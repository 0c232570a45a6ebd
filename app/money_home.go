package app

import (
	"context"
	"math/big"
	"sort"
	"time"

	"rolo/store"
)

// HomeMoney is a total in the home currency and what it was added from.
// An amount in a currency without any rate is never converted: it stays in
// NoRate, for the page to show apart with a note.
type HomeMoney struct {
	Total     Money   // in the home currency, every amount that had a rate
	Converted []Money // the amounts added into Total, per currency as entered
	NoRate    []Money // amounts in currencies without a rate, not in Total
}

// RateBook holds the rates against the home currency, to convert amounts
// at the rate in force on a day: the latest rate whose effective day is
// on or before it; a day before a currency's first rate takes that first
// rate (a deal closed before anyone entered rates still counts).
type RateBook struct {
	Home  string
	rates map[string][]datedRate // per currency, oldest first
}

type datedRate struct {
	day  string
	rate *big.Rat
}

// RateBook reads the home currency and its rates, once per report.
func (a *App) RateBook(ctx context.Context) (*RateBook, error) {
	home := a.HomeCurrency(ctx)
	list, err := store.ListCurrencyRates(ctx, a.db.Reader(), home)
	if err != nil {
		return nil, err
	}
	return newRateBook(home, list), nil
}

func newRateBook(home string, list []CurrencyRate) *RateBook {
	b := &RateBook{Home: home, rates: map[string][]datedRate{}}
	for _, r := range list {
		if rate, ok := new(big.Rat).SetString(r.Rate); ok && rate.Sign() > 0 {
			b.rates[r.Currency] = append(b.rates[r.Currency], datedRate{day: r.EffectiveOn, rate: rate})
		}
	}
	for _, list := range b.rates {
		sort.Slice(list, func(i, j int) bool { return list[i].day < list[j].day })
	}
	return b
}

// rateOn is the rate of currency in force on day (YYYY-MM-DD), nil when
// the currency has none.
func (b *RateBook) rateOn(currency, day string) *big.Rat {
	if currency == b.Home {
		return big.NewRat(1, 1)
	}
	list := b.rates[currency]
	if len(list) == 0 {
		return nil
	}
	i := sort.Search(len(list), func(i int) bool { return list[i].day > day })
	if i == 0 {
		return list[0].rate
	}
	return list[i-1].rate
}

// Convert gives value (minor units of currency) in minor units of the home
// currency at the rate in force on day, rounded half away from zero;
// false when the currency has no rate.
func (b *RateBook) Convert(value int64, currency, day string) (int64, bool) {
	rate := b.rateOn(currency, day)
	if rate == nil {
		return 0, false
	}
	if currency == b.Home {
		return value, true
	}
	// value / 10^scale(currency) × rate × 10^scale(home)
	x := new(big.Rat).Mul(new(big.Rat).SetInt64(value), rate)
	x.Mul(x, new(big.Rat).SetFrac(pow10Int(CurrencyScale(b.Home)), pow10Int(CurrencyScale(currency))))
	return roundRat(x), true
}

func pow10Int(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// roundRat rounds a non-negative rational half up (amounts are never
// negative) to an int64.
func roundRat(x *big.Rat) int64 {
	num, den := x.Num(), x.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Mul(m, big.NewInt(2)).CmpAbs(den) >= 0 {
		q.Add(q, big.NewInt(int64(num.Sign())))
	}
	return q.Int64()
}

// Day is t's UTC day, as rates are looked up.
func Day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// homeSum adds amounts into a HomeMoney, each converted on its own day.
type homeSum struct {
	book              *RateBook
	total             int64
	converted, noRate moneyTotals
}

func (b *RateBook) sum() *homeSum {
	return &homeSum{book: b, converted: moneyTotals{}, noRate: moneyTotals{}}
}

// add adds value in currency, converted at the rate in force on day.
func (h *homeSum) add(currency string, value int64, day string) {
	if h == nil {
		return
	}
	v, ok := h.book.Convert(value, currency, day)
	if !ok {
		h.noRate.add(currency, value)
		return
	}
	h.total += v
	h.converted.add(currency, value)
}

// has tells whether amounts in currency convert (on any day).
func (b *RateBook) has(currency string) bool { return currency == b.Home || len(b.rates[currency]) > 0 }

func (h *homeSum) result() HomeMoney {
	if h == nil {
		return HomeMoney{}
	}
	return HomeMoney{Total: Money{Value: h.total, Currency: h.book.Home}, Converted: h.converted.list(), NoRate: h.noRate.list()}
}
