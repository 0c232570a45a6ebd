package web

import (
	"strings"

	"rolo/app"
)

// homeView is a total in the home currency as pages show it: the total,
// and on demand (a <details>) the amounts per currency it was added from;
// amounts in currencies without a rate are listed apart with a note,
// never added in.
type homeView struct {
	Total     string
	Breakdown []string // empty when every amount was in the home currency
	NoRate    []string
}

func newHomeView(lang string, h app.HomeMoney) *homeView {
	v := &homeView{Total: formatMoney(lang, h.Total), NoRate: formatMoneyList(lang, h.NoRate)}
	if len(h.Converted) > 1 || (len(h.Converted) == 1 && h.Converted[0].Currency != h.Total.Currency) {
		v.Breakdown = formatMoneyList(lang, h.Converted)
	}
	return v
}

// homeCell is a table cell of a home total; the CSV gets the total and
// the amounts left out ("USD 1030.00; JPY 10000 no rate").
func homeCell(lang string, h app.HomeMoney) cell {
	raw := []string{h.Total.Currency + " " + app.AmountText(h.Total.Value, h.Total.Currency)}
	for _, m := range h.NoRate {
		raw = append(raw, m.Currency+" "+app.AmountText(m.Value, m.Currency)+" no rate")
	}
	v := newHomeView(lang, h)
	return cell{Text: v.Total, Raw: strings.Join(raw, "; "), Num: true, Money: v}
}

// homeAmount is a home total as a number, for charts.
func homeAmount(h app.HomeMoney) float64 {
	return float64(h.Total.Value) / pow10(app.CurrencyScale(h.Total.Currency))
}
