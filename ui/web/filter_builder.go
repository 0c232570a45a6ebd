package web

import (
	"net/url"
	"strconv"
	"strings"
)

// builderRows is how many condition rows the filter builder offers; it
// works without JavaScript, each row a field, an operator and a value.
const builderRows = 3

// builderOps are the operators a builder row offers, by form value, and
// how each writes its condition in the filter syntax.
var builderOps = []string{"eq", "contains", "gt", "lt", "empty", "not_empty", "last_days", "not"}

// withBuilderRows adds the filter builder's rows (fb.field.N, fb.op.N,
// fb.value.N) to the query text q, so the list, its links and a saved
// segment carry one query.
func withBuilderRows(v url.Values) string {
	parts := []string{strings.TrimSpace(v.Get("q"))}
	for i := 0; i < builderRows; i++ {
		n := strconv.Itoa(i)
		field := strings.TrimSpace(v.Get("fb.field." + n))
		if field == "" || strings.ContainsAny(field, " :\"") {
			continue
		}
		value := strings.TrimSpace(v.Get("fb.value." + n))
		quoted := value
		if strings.ContainsAny(value, " \t") || value == "" {
			quoted = `"` + strings.ReplaceAll(value, `"`, "") + `"`
		}
		var term string
		switch v.Get("fb.op." + n) {
		case "contains":
			term = field + ":~" + quoted
		case "gt":
			term = field + ":>" + quoted
		case "lt":
			term = field + ":<" + quoted
		case "empty":
			term = "no:" + field
		case "not_empty":
			term = "has:" + field
		case "last_days":
			term = field + ":last" + strings.Trim(quoted, `"`) + "d"
		case "not":
			term = "-" + field + ":" + quoted
		default:
			term = field + ":" + quoted
		}
		parts = append(parts, term)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}
