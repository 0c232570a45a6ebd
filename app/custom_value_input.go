package app

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"rolo/store"
)

// storedValue checks one input value against its field and gives the rows
// to store (none for an empty value), or the catalog key of the problem.
func (a *App) storedValue(f CustomField, raw any) ([]store.CustomValue, string) {
	if isEmptyValue(raw) {
		return nil, ""
	}
	one := func(v any) ([]store.CustomValue, string) { return []store.CustomValue{{Value: v}}, "" }
	switch f.Type {
	case "text", "long_text", "phone":
		s, ok := raw.(string)
		if !ok {
			return nil, "error.value_invalid"
		}
		max := 300
		if f.Type == "long_text" {
			max = maxNotes
		}
		out, problem := cleanText(s, max, f.Type == "long_text")
		if problem != "" {
			return nil, problem
		}
		if f.Type == "phone" && strings.IndexFunc(out, func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
			return nil, "error.phone_invalid"
		}
		return one(out)
	case "url":
		s, _ := raw.(string)
		u, ok := normalizeURL(s)
		if !ok || u == "" {
			return nil, "error.url_invalid"
		}
		return one(u)
	case "email":
		s, _ := raw.(string)
		e := NormalizeEmail(s)
		if e == "" {
			return nil, "error.email_invalid"
		}
		return one(e)
	case "number":
		n, ok := numberOf(raw)
		if !ok {
			return nil, "error.number_invalid"
		}
		return one(n)
	case "money":
		m, ok := moneyOf(raw, f.Currency)
		if !ok {
			return nil, "error.amount_invalid"
		}
		return []store.CustomValue{{Value: m.Minor, Currency: m.Currency}}, ""
	case "date":
		s, _ := raw.(string)
		s = strings.TrimSpace(s)
		if len(s) > 10 {
			s = s[:10] // a timestamp: its date
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return nil, "error.date_invalid"
		}
		return one(s)
	case "bool":
		b, ok := boolOf(raw)
		if !ok {
			return nil, "error.bool_invalid"
		}
		if b {
			return one(int64(1))
		}
		return one(int64(0))
	case "select", "multi_select":
		var labels []string
		switch v := raw.(type) {
		case string:
			labels = []string{v}
			if f.Type == "multi_select" {
				labels = strings.Split(v, ";") // CSV cells list options with ;
			}
		case []string:
			labels = v
		case []any:
			for _, x := range v {
				s, ok := x.(string)
				if !ok {
					return nil, "error.option_unknown"
				}
				labels = append(labels, s)
			}
		default:
			return nil, "error.option_unknown"
		}
		var out []store.CustomValue
		for _, l := range labels {
			if strings.TrimSpace(l) == "" {
				continue
			}
			id := optionID(f, l)
			if id == "" {
				return nil, "error.option_unknown"
			}
			out = append(out, store.CustomValue{Value: id})
		}
		if f.Type == "select" && len(out) > 1 {
			return nil, "error.option_one"
		}
		return out, ""
	}
	return nil, "error.value_invalid"
}

func isEmptyValue(raw any) bool {
	switch v := raw.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []string:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return false
}

// optionID finds an option by id or by label (case-insensitively).
func optionID(f CustomField, s string) string {
	s = strings.TrimSpace(s)
	for _, o := range f.Options {
		if o.ID == s || foldKey(o.Label) == foldKey(s) {
			return o.ID
		}
	}
	return ""
}

func numberOf(raw any) (float64, bool) {
	var n float64
	switch v := raw.(type) {
	case float64:
		n = v
	case int:
		n = float64(v)
	case int64:
		n = float64(v)
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return 0, false
		}
		n = f
	case string:
		f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), 64)
		if err != nil {
			return 0, false
		}
		n = f
	default:
		return 0, false
	}
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	return n, true
}

// moneyOf reads {minor, currency}, a number of minor units, or a typed
// amount with an optional currency code ("1,250.50 EUR").
func moneyOf(raw any, def string) (MoneyValue, bool) {
	switch v := raw.(type) {
	case MoneyValue:
		code, ok := NormalizeCurrency(v.Currency)
		if v.Currency == "" {
			code, ok = def, true
		}
		return MoneyValue{Minor: v.Minor, Currency: code}, ok && v.Minor >= 0 && v.Minor <= maxDealValue
	case map[string]any:
		cur, _ := v["currency"].(string)
		n, ok := numberOf(v["minor"])
		if !ok || n != math.Trunc(n) {
			return MoneyValue{}, false
		}
		return moneyOf(MoneyValue{Minor: int64(n), Currency: cur}, def)
	case float64, int, int64, json.Number:
		n, ok := numberOf(v)
		if !ok || n != math.Trunc(n) {
			return MoneyValue{}, false
		}
		return moneyOf(MoneyValue{Minor: int64(n)}, def)
	case string:
		s := strings.TrimSpace(v)
		code := def
		if i := strings.LastIndexByte(s, ' '); i > 0 {
			if c, ok := NormalizeCurrency(s[i+1:]); ok {
				code, s = c, s[:i]
			}
		}
		minor, ok := ParseAmount(s, code)
		return MoneyValue{Minor: minor, Currency: code}, ok
	}
	return MoneyValue{}, false
}

func boolOf(raw any) (bool, bool) {
	switch v := raw.(type) {
	case bool:
		return v, true
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "on", "1", "y":
			return true, true
		case "false", "no", "off", "0", "n":
			return false, true
		}
	case float64:
		return v != 0, v == 0 || v == 1
	}
	return false, false
}
