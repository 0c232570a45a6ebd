package app

import (
	"errors"
	"fmt"
	"time"

	"rolo/store"
)

// Code classifies an error so that every caller (HTML, API, CLI) maps it
// the same way.
type Code string

const (
	ENotFound     Code = "not_found"
	EInvalid      Code = "invalid"
	EConflict     Code = "conflict"
	EUnauthorized Code = "unauthorized"
	EForbidden    Code = "forbidden"
	ETooMany      Code = "too_many_requests"
	EInternal     Code = "internal"
)

// Error is an error safe to show to the user. Message and the values of
// Fields are translation catalog keys, so each interface renders them in
// the reader's language.
type Error struct {
	Code    Code
	Message string
	// Fields maps a form or JSON field name to the catalog key of its problem.
	Fields map[string]string
	// RetryAfter is set for ETooMany.
	RetryAfter time.Duration
	// Count is how many records stand in the way (a refused field type
	// change); Detail is untranslated specifics, such as the part of a
	// filter query that was not understood.
	Count  int
	Detail string
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Invalid reports field problems; fields maps field name to catalog key.
func Invalid(fields map[string]string) *Error {
	return &Error{Code: EInvalid, Message: "error.invalid", Fields: fields}
}

func errorf(code Code, messageKey string) *Error { return &Error{Code: code, Message: messageKey} }

// ErrorCode extracts the code of err; errors that are not *Error are internal.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if errors.Is(err, store.ErrNotFound) {
		return ENotFound
	}
	if errors.Is(err, store.ErrConflict) {
		return EConflict
	}
	return EInternal
}

// AsError returns err as an *Error, turning store errors into their codes
// and anything else into an internal error with a generic message.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	switch ErrorCode(err) {
	case ENotFound:
		return errorf(ENotFound, "error.not_found")
	case EConflict:
		return errorf(EConflict, "error.conflict")
	}
	return errorf(EInternal, "error.internal")
}
