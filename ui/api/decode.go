package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// maxBody bounds what one API request may upload; records are small.
const maxBody = 1 << 20

// requestError is a request body the API cannot read, before any CRM rule
// applies: its status, problem code and catalog key with arguments.
type requestError struct {
	status int
	code   string
	key    string
	args   []any
}

func (e *requestError) Error() string { return fmt.Sprintf("%d %s %v", e.status, e.key, e.args) }

func badRequest(key string, args ...any) *requestError {
	return &requestError{status: http.StatusBadRequest, code: "bad_request", key: key, args: args}
}

// members are the top-level names a JSON body gave, with their raw values,
// so that a PATCH changes exactly those and an explicit null differs from
// an absent field.
type members map[string]json.RawMessage

func (m members) has(name string) bool {
	_, ok := m[name]
	return ok
}

// decodeBody reads one JSON object into v strictly: JSON only (PATCH
// clients may say merge-patch+json, RFC 7396), at most maxBody bytes, no field v does not know, nothing after the object.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) (members, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != "application/json" && mt != "application/merge-patch+json") {
		return nil, &requestError{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", key: "error.json_content_type"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
		return nil, &requestError{status: http.StatusRequestEntityTooLarge, code: "too_large", key: "error.json_too_large"}
	}
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, jsonProblem(err, len(body))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badRequest("error.json_trailing")
	}
	var m members
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return nil, badRequest("error.json_object") // e.g. a bare null
	}
	return m, nil
}

// jsonProblem says what is wrong with a body in terms a client can fix:
// where the syntax breaks, which field is unknown or has the wrong type.
func jsonProblem(err error, size int) *requestError {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return badRequest("error.json_syntax", syntax.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("error.json_syntax", size)
	case errors.Is(err, io.EOF):
		return badRequest("error.json_empty")
	case errors.As(err, &typ) && typ.Field == "":
		return badRequest("error.json_object")
	case errors.As(err, &typ):
		return badRequest("error.json_type", typ.Field, typ.Value)
	}
	// encoding/json has no type for this one; its text is stable.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return badRequest("error.json_unknown_field", name)
	}
	return badRequest("error.json_object")
}

// writeAPIError answers with problem+json for a body that could not be
// read, or for an app error.
func writeAPIError(w http.ResponseWriter, r *http.Request, s *apiSite, err error) {
	var re *requestError
	if !errors.As(err, &re) {
		request.WriteProblem(w, r, err, s.catalog)
		return
	}
	lang := s.catalog.Language(r, request.CurrentUser(r))
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(re.status)
	_ = json.NewEncoder(w).Encode(request.Problem{
		Type: "about:blank", Title: http.StatusText(re.status), Status: re.status,
		Detail: s.catalog.T(lang, re.key, re.args...), Code: re.code,
	})
}

// errAPINotFound answers a path or name the API does not have.
var errAPINotFound = &app.Error{Code: app.ENotFound, Message: "error.page_not_found"}
