package app

import (
	"strconv"
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// Money is an amount in the minor units of one currency (cents; won and
// yen have none). Amounts of different currencies are never added.
type Money struct {
	Value    int64
	Currency string
}

// maxDealValue bounds a deal's value so that the totals of a million deals
// still fit in an int64: 10¹³ − 1 minor units (99,999,999,999.99 dollars).
const maxDealValue = 9_999_999_999_999

// NormalizeCurrency returns the ISO 4217 code for s ("usd" gives "USD"),
// and false when s is not a currency in use.
func NormalizeCurrency(s string) (string, bool) {
	code := strings.ToUpper(strings.TrimSpace(s))
	if len(code) != 3 {
		return "", false
	}
	u, err := currency.ParseISO(code)
	if err != nil || u.String() != code || code == "XXX" || code == "XTS" {
		return "", false
	}
	return code, true
}

// CurrencyScale is how many decimals the currency's minor unit has: 2 for
// USD and EUR, 0 for KRW and JPY, 3 for BHD.
func CurrencyScale(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// currencyOfRegion is the currency of a region (KR gives KRW), or "".
func currencyOfRegion(region string) string {
	r, err := language.ParseRegion(region)
	if err != nil {
		return ""
	}
	u, ok := currency.FromRegion(r)
	if !ok {
		return ""
	}
	return u.String()
}

// ParseAmount reads an amount as a person types it ("1,250.50", "₩ 3000")
// into minor units of code. Group separators and spaces are ignored; more
// decimals than the currency has, or a negative amount, are refused.
func ParseAmount(s, code string) (int64, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r == '.':
			return r
		case r >= '０' && r <= '９': // full-width digits from a CJK keyboard
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == ',', r == '，', r == ' ', r == '\u00a0', r == '_', r == '\'':
			return -1
		}
		if strings.ContainsRune("$€£¥₩￥￦元", r) || (r >= 'A' && r <= 'Z') {
			return -1 // a currency sign or code typed with the amount
		}
		return 'x'
	}, strings.TrimSpace(s))
	whole, frac, _ := strings.Cut(s, ".")
	scale := CurrencyScale(code)
	if s == "" || strings.ContainsAny(s, "x") || strings.Contains(frac, ".") || len(frac) > scale || (whole == "" && frac == "") {
		return 0, false
	}
	frac += strings.Repeat("0", scale-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil && whole+frac != "" {
		return 0, false
	}
	if n > maxDealValue {
		return 0, false
	}
	return n, true
}

// AmountText writes minor units as a plain decimal for an input field:
// 125050 USD gives "1250.50", 3000 KRW gives "3000".
func AmountText(value int64, code string) string {
	scale := CurrencyScale(code)
	s := strconv.FormatInt(value, 10)
	if scale == 0 {
		return s
	}
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	return s[:len(s)-scale] + "." + s[len(s)-scale:]
}

// weighted is value × probability %, rounded half up.
func weighted(value int64, probability int) int64 {
	return (value*int64(probability) + 50) / 100
}
