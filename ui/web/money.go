package web

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"rolo/app"
)

// currencySymbols caches the symbol of each (language, currency): "$" for
// dollars in English, "US$" in Korean, "₩" for won.
var currencySymbols sync.Map

func currencySymbol(lang, code string) string {
	key := lang + "/" + code
	if s, ok := currencySymbols.Load(key); ok {
		return s.(string)
	}
	symbol := code
	if u, err := currency.ParseISO(code); err == nil {
		if tag, err := language.Parse(lang); err == nil {
			symbol = message.NewPrinter(tag).Sprint(currency.Symbol(u))
		}
	}
	currencySymbols.Store(key, symbol)
	return symbol
}

// formatMoney shows an amount the way the reader's language writes it:
// the currency's symbol, digits grouped by thousands and the currency's
// own decimals ($1,250.50, ₩3,000,000, BHD 1.250). English, Korean,
// Japanese and Chinese all group with commas and use a decimal point.
// The digits come from the integer, so no amount is ever rounded.
func formatMoney(lang string, m app.Money) string {
	symbol := currencySymbol(lang, m.Currency)
	plain := app.AmountText(m.Value, m.Currency)
	whole, frac, hasFrac := strings.Cut(plain, ".")
	var b strings.Builder
	b.WriteString(symbol)
	if strings.IndexFunc(symbol, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
		b.WriteRune('\u00a0') // a code such as "BHD" needs a space before the digits
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// formatMoneyList shows amounts in several currencies side by side; they
// are never added together.
func formatMoneyList(lang string, list []app.Money) []string {
	out := make([]string, len(list))
	for i, m := range list {
		out[i] = formatMoney(lang, m)
	}
	return out
}

// defaultFirst puts the amount in the default currency first, as it is
// the one most deals use; the others keep their order.
func defaultFirst(list []app.Money, code string) []app.Money {
	out := make([]app.Money, 0, len(list))
	for _, m := range list {
		if m.Currency == code {
			out = append(out, m)
		}
	}
	for _, m := range list {
		if m.Currency != code {
			out = append(out, m)
		}
	}
	return out
}
