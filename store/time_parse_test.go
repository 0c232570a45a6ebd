package store_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"rolo/store"
)

// TestParseTimeAgreesWithTimeParse: the fast reader gives exactly what
// time.Parse gives (the zero time where it refuses), on stored times and
// on shapes it must hand over.
func TestParseTimeAgreesWithTimeParse(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(18, 7))
	inputs := []string{"2026-12-07T13:00:00.000Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
		"2024-02-29T12:00:00.000Z", "2023-02-29T12:00:00.000Z", "2026-04-31T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
		"2026-00-10T00:00:00.000Z", "2026-01-00T00:00:00.000Z", "2026-01-01T24:00:00.000Z", "2026-01-01T23:60:00.000Z",
		"2026-01-01T23:59:60.000Z", "2026-01-01 23:59:59.000Z", "2026-01-01T23:59:59.000", "2026-01-01T23:59:59Z",
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
