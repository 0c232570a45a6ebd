package store

import (
	"database/sql"
	"errors"
	"strings"
)

// Errors the store reports in its own words, so callers never read driver text.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict: a unique value is already taken")
	ErrInvalid  = errors.New("invalid reference")
)

// translate is the one place that reads driver error text.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"):
		return errors.Join(ErrConflict, err)
	case strings.Contains(msg, "FOREIGN KEY constraint failed"),
		strings.Contains(msg, "CHECK constraint failed"):
		return errors.Join(ErrInvalid, err)
	}
	return err
}
