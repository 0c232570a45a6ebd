package api

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"rolo/app"
)

// appendCustomFields writes a record's custom values as encoding/json
// writes the map (keys in order, the same bytes), by hand for the types
// custom values have: reflection over the map was a tenth of a contact
// list's allocations. Any other type goes through encoding/json.
func appendCustomFields(b []byte, values map[string]any) ([]byte, error) {
	if values == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '{')
	var buf [16]string // a contact's keys, sorted without a slice of their own
	keys := buf[:0]
	for key := range values {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for i, key := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(b, key), ':')
		var err error
		if b, err = appendCustomValue(b, values[key]); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendCustomValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case float64:
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			return appendJSONFloat(b, v), nil
		}
	case []string:
		return appendArray(b, v, appendJSONString), nil
	case app.MoneyValue:
		b = strconv.AppendInt(append(b, `{"minor":`...), v.Minor, 10)
		return append(appendJSONString(append(b, `,"currency":`...), v.Currency), '}'), nil
	}
	text, err := json.Marshal(v) // and its error for what JSON cannot hold
	return append(b, text...), err
}

// appendJSONFloat writes f as encoding/json does: the shortest decimal
// that reads back as f, in exponent form below 1e-6 and from 1e21, with
// a one-digit negative exponent unpadded.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}
