package app

import (
	"testing"
)

// TestNormalizePhoneNeverInventsACountry: E.164 only when the number
// carries its country code or is valid in the region.
func TestNormalizePhoneNeverInventsACountry(t *testing.T) {

	for _, c := range []struct{ raw, region, want string }{
		{"+49 30 1234567", "US", "+49301234567"},       // country code written
		{"0049 30 1234567", "FR", "+49301234567"},      // the region's international prefix
		{"+261 34 12 345 67", "US", "+261341234567"},   // Madagascar, with its code
		{"034 12 345 67", "US", ""},                    // Madagascan, typed locally: not a US number
		{"030 1234567", "US", ""},                      // German, typed locally
		{"(415) 555-0142", "US", "+14155550142"},       // a number of the region
		{"(650) 253-0000", "US", "+16502530000"},       // valid in the region
		{"010-1234-5678", "KR", "+821012345678"},       // valid in the region
		{"010-1234-5678", "US", ""},                    // a Korean mobile is not a US number
		{"+1 (408) 555-0100", "DE", "+14085550100"},    // written with +1
		{"010-5555-6666", "JP", ""},                    // Japan's exit code 010 begins Korean mobiles: no Brazilian fragment
		{"010 82 10 5555 6666", "JP", "+821055556666"}, // dialled from Japan through 010
		{"090-1234-5678", "JP", "+819012345678"},
		{"tel-not-a-number", "US", ""},
	} {
		if got := NormalizePhone(c.raw, c.region); got != c.want {
			t.Errorf("%s in %s: %q, want %q", c.raw, c.region, got, c.want)
		}
	}
}
