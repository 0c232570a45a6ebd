package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"rolo/app"
)

// formPair is one label/value row of a repeated field (emails.N,
// phones.N, social.N). Index is N, which is also the position the app
// reports problems under, so the error lands beside its own row.
type formPair struct {
	Field string // emails, phones, social
	Index int
	Label string
	Value string
	Error string // catalog key
}

// maxFormPairs bounds N, so a forged form cannot make us allocate much.
const maxFormPairs = 100

// readPairs collects field.N.label / field.N.value from a posted form into
// rows by N; gaps become empty rows, so every row keeps its index.
func readPairs(form url.Values, field string) []formPair {
	var rows []formPair
	for key, values := range form {
		rest, ok := strings.CutPrefix(key, field+".")
		if !ok {
			continue
		}
		num, part, ok := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 0 || n >= maxFormPairs || (part != "label" && part != "value") {
			continue
		}
		for len(rows) <= n {
			rows = append(rows, formPair{Field: field, Index: len(rows)})
		}
		if part == "label" {
			rows[n].Label = values[0]
		} else {
			rows[n].Value = values[0]
		}
	}
	return rows
}

// pairsOf shows stored values with empty rows after them, so a form
// without JavaScript still has room for one more.
func pairsOf(field string, values []app.Labeled, empty, min int) []formPair {
	rows := make([]formPair, 0, len(values)+empty)
	for i, v := range values {
		rows = append(rows, formPair{Field: field, Index: i, Label: v.Label, Value: v.Value})
	}
	for i := 0; i < empty || len(rows) < min; i++ {
		rows = append(rows, formPair{Field: field, Index: len(rows)})
	}
	return rows
}

// labeledOf is the app's view of the rows, in index order.
func labeledOf(rows []formPair) []app.Labeled {
	out := make([]app.Labeled, len(rows))
	for i, p := range rows {
		out[i] = app.Labeled{Label: p.Label, Value: p.Value}
	}
	return out
}

// markPairs puts each row's problem (errors["emails.1"]) on its row.
func markPairs(rows []formPair, errors map[string]string) {
	for i := range rows {
		rows[i].Error = errors[fmt.Sprintf("%s.%d", rows[i].Field, rows[i].Index)]
	}
}

// readAddress reads address.street … address.country.
func readAddress(form url.Values) app.Address {
	return app.Address{
		Street: form.Get("address.street"), City: form.Get("address.city"), Region: form.Get("address.region"),
		PostalCode: form.Get("address.postal_code"), Country: form.Get("address.country"),
	}
}

// tagField shows tags as the comma-separated text the form posts.
func tagField(tags []app.Tag) string {
	names := make([]string, len(tags))
	for i, t := range tags {
		names[i] = t.Name
	}
	return strings.Join(names, ", ")
}

// withSpareRow adds an empty row when the last one is filled, so a form
// shown again after a problem still has room for one more.
func withSpareRow(rows []formPair, field string) []formPair {
	if n := len(rows); n == 0 || rows[n-1].Label != "" || rows[n-1].Value != "" {
		rows = append(rows, formPair{Field: field, Index: n})
	}
	return rows
}
