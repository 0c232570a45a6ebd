package request

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"rolo/app"
	"rolo/ui/i18n"
)

// Encode writes v as JSON with status.
func Encode[T any](w http.ResponseWriter, status int, v T) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Error("encode json", "err", err)
	}
}

// Problem is an RFC 9457 problem details body; for invalid input,
// "errors" maps each field name to its message.
type Problem struct {
	Type   string            `json:"type"`
	Title  string            `json:"title"`
	Status int               `json:"status"`
	Detail string            `json:"detail,omitempty"`
	Code   string            `json:"code"`
	Errors map[string]string `json:"errors,omitempty"`
	Count  int               `json:"count,omitempty"` // records in the way (a refused field type change)
	At     string            `json:"at,omitempty"`    // "position: part" of a filter query not understood
}

// WriteProblem answers an API request with err as problem+json, its
// messages in the reader's language from c, or from the catalog the server
// put on the request when c is nil (middleware that has none of its own).
func WriteProblem(w http.ResponseWriter, r *http.Request, err error, c *i18n.Catalog) {
	if ClientGone(r, err) {
		AnswerClientGone(w, r, err)
		return
	}
	e := app.AsError(err)
	status := StatusOf(e.Code)
	if status == http.StatusInternalServerError {
		slog.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if c == nil {
		c = CatalogOf(r)
	}
	lang := "en"
	tr := func(key string) string { return key }
	if c != nil {
		lang = c.Language(r, CurrentUser(r))
		tr = func(key string) string { return c.T(lang, key) }
	}
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: tr(e.Message), Code: string(e.Code)}
	if len(e.Fields) > 0 {
		p.Errors = map[string]string{}
		for field, key := range e.Fields {
			p.Errors[field] = tr(key)
		}
	}
	p.Count, p.At = e.Count, e.Detail
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

// WriteStatusProblem answers with a problem for a status that no app error
// stands for (405 from the router, 421, a panic's 500): code names it, key
// (filled with args) is its message in the catalog the server put on the
// request.
func WriteStatusProblem(w http.ResponseWriter, r *http.Request, status int, code, key string, args ...any) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: Translate(r, key, args...), Code: code})
}

// Translate is key, filled with args, in the reader's language, from the
// catalog the server put on the request (the key itself without one).
func Translate(r *http.Request, key string, args ...any) string {
	c := CatalogOf(r)
	if c == nil {
		return key
	}
	return c.T(c.Language(r, CurrentUser(r)), key, args...)
}

// StatusOf maps an app error code to an HTTP status, in one place.
func StatusOf(code app.Code) int {
	switch code {
	case app.ENotFound:
		return http.StatusNotFound
	case app.EInvalid:
		return http.StatusUnprocessableEntity
	case app.EConflict:
		return http.StatusConflict
	case app.EUnauthorized:
		return http.StatusUnauthorized
	case app.EForbidden:
		return http.StatusForbidden
	case app.ETooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}
