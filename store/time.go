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

// ParseTime reads a TimeFormat string, and the other shapes of a time
// written by hand (handShapes); anything else is a zero time.
func ParseTime(s string) time.Time {
	if s == "" {
		return time.Time{} // a NULL read as text; time.Parse would allocate its error
	}
	if t, ok := parseTimeFast(s); ok {
		return t
	}
	if t, err := time.Parse(TimeFormat, s); err == nil {
		return t
	}
	for _, shape := range handShapes {
		if t, err := time.Parse(shape, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// handShapes are how a time typed into the sqlite3 shell looks: RFC 3339
// with or without a fraction and with any zone, and SQLite's datetime()
// and strftime() output, which is UTC. Only this package writes these
// columns, but a key revoked by hand with datetime('now') must not read
// as never revoked.
var handShapes = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"}

// parseTimeFast reads the fixed-width TimeFormat digit by digit: a page
// of contacts reads three times each, and time.Parse's general layout
// walk was a twentieth of a list's CPU. Anything it is unsure of (a
// wrong shape, a day that does not exist) goes to time.Parse, so both
// always agree (TestParseTimeAgreesWithTimeParse).
func parseTimeFast(s string) (time.Time, bool) {
	if len(s) != len(TimeFormat) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	num := func(from, to int) (int, bool) {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	sec, ok6 := num(17, 19)
	ms, ok7 := num(20, 23)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, ms*int(time.Millisecond), time.UTC)
	if t.Day() != d { // the 31st of a 30-day month: time.Parse refuses it
		return time.Time{}, false
	}
	return t, true
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
