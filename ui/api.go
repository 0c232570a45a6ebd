package ui

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"rolo/app"
)

// encode writes v as JSON with status.
func encode[T any](w http.ResponseWriter, status int, v T) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Error("encode json", "err", err)
	}
}

// problem is an RFC 9457 problem details body, with field problems under
// "errors" as a list of {field, detail}.
type problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty"`
	Code   string         `json:"code"`
	Errors []fieldProblem `json:"errors,omitempty"`
}

type fieldProblem struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// writeProblem answers an API request with err as problem+json; messages
// are in English unless a catalog is given.
func writeProblem(w http.ResponseWriter, r *http.Request, err error, c *Catalog) {
	e := app.AsError(err)
	status := statusOf(e.Code)
	if status == http.StatusInternalServerError {
		slog.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	lang := "en"
	tr := func(key string) string { return key }
	if c != nil {
		lang = c.Language(r, currentUser(r))
		tr = func(key string) string { return c.T(lang, key) }
	}
	p := problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: tr(e.Message), Code: string(e.Code)}
	for field, key := range e.Fields {
		p.Errors = append(p.Errors, fieldProblem{Field: field, Detail: tr(key)})
	}
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}
