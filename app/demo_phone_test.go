package app

import (
	"math/rand/v2"
	"testing"
)

// TestDemoPhonesAreValidNumbers: every demo number reads as a number of
// its region, so the demo shows phones that match and are found in any
// format, as real data does.
func TestDemoPhonesAreValidNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, region := range []string{"US", "KR", "JP", "CN", "DE"} {
		for range 200 {
			n := demoPhone(rng, region)
			if NormalizePhone(n, region) == "" {
				t.Fatalf("%s in %s is not a number there", n, region)
			}
		}
	}
}
