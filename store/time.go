package store

import (
	"database/sql"
	"time"
)

// TimeFormat is the one way times are written to the database: UTC,
// fixed width, millisecond precision, so text order is time order.
const TimeFormat = "2006-01-02T15:04:05.000Z"

// FormatTime renders t in TimeFormat.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

// ParseTime reads a TimeFormat string; a malformed value is a zero time,
// because only this package writes these columns.
func ParseTime(s string) time.Time {
	if s == "" {
		return time.Time{} // a NULL read as text; time.Parse would allocate its error
	}
	t, err := time.Parse(TimeFormat, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func nullTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: FormatTime(t), Valid: true}
}

func parseNullTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	return ParseTime(s.String)
}
