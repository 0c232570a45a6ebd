package store_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"rolo/store"
)

// TestParseTimeAgreesWithTimeParse: the fast reader gives exactly what
// time.Parse gives (the zero time where it refuses), on stored times and
// on shapes it must hand over (hand-written ones are below).
func TestParseTimeAgreesWithTimeParse(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(18, 7))
	inputs := []string{"2026-12-07T13:00:00.000Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
		"2024-02-29T12:00:00.000Z", "2023-02-29T12:00:00.000Z", "2026-04-31T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
		"2026-00-10T00:00:00.000Z", "2026-01-00T00:00:00.000Z", "2026-01-01T24:00:00.000Z", "2026-01-01T23:60:00.000Z",
		"2026-01-01T23:59:60.000Z", "2026-01-01 23:59:59.000Z",
		"2026-1-01T23:59:59.000Z", "20x6-01-01T23:59:59.000Z", "2026-01-01T23:59:59.0a0Z", "+026-01-01T23:59:59.000Z", ""}
	for range 5000 {
		at := time.Unix(rng.Int64N(1<<36)-1<<35, rng.Int64N(1e9))
		inputs = append(inputs, store.FormatTime(at))
	}
	for _, in := range inputs {
		want, err := time.Parse(store.TimeFormat, in)
		if err != nil {
			want = time.Time{}
		}
		if got := store.ParseTime(in); got != want {
			t.Fatalf("%q: %v, time.Parse says %v", in, got, want)
		}
	}
}

// TestParseTimeReadsHandWrittenTimes: a time typed in the sqlite3 shell
// (datetime('now'), an RFC 3339 string) reads as what it says, in UTC;
// what is no time at all stays the zero time.
func TestParseTimeReadsHandWrittenTimes(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2026-12-07T09:00:00Z":      at,
		"2026-12-07T09:00:00.5Z":    at.Add(500 * time.Millisecond),
		"2026-12-07T10:30:00+01:30": at,
		"2026-12-07 09:00:00":       at, // datetime('now')
		"2026-12-07 09:00:00.250":   at.Add(250 * time.Millisecond),
		"2026-12-07T09:00:00":       at,
		"2026-12-07T09:00:00.000Z":  at, // the stored shape
		"yesterday":                 {},
		"2026-12-07":                {},
		"2026-02-30 09:00:00":       {},
		"2026-12-07 24:00:00":       {},
	} {
		if got := store.ParseTime(in); !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("%q: %v, want %v", in, got, want)
		}
	}
}
