package api

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"rolo/app"
)

// TestContactJSONWritesAsEncodingJSON writes random contacts, and pages
// of them, by hand and through encoding/json's Encoder, and wants the
// same bytes: strings with quotes, control characters, HTML, U+2028,
// invalid UTF-8 and CJK; empty, nil and filled lists; custom values of
// every kind; times with and without fractions and zones.
func TestContactJSONWritesAsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2026))
	pieces := []string{"", "a", "Ann", `"`, `\`, "<b>", "&amp;", "\n", "\t", "\x00", "\x1f", "\x7f", "\u2028", "\u2029",
		"\xff", "\xe2\x80", "김민수", "山田", "é", "😀", "+1 212 555", "O'Neil", "/", " "}
	str := func() string {
		var b bytes.Buffer
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	ptr := func() *string {
		if rng.IntN(2) == 0 {
			return nil
		}
		s := str()
		return &s
	}
	labeled := func() []app.Labeled {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return []app.Labeled{}
		}
		return []app.Labeled{{Label: str(), Value: str()}, {Label: str(), Value: str()}}
	}
	when := func() time.Time {
		zones := []*time.Location{time.UTC, time.FixedZone("", 9*3600), time.FixedZone("", -5*3600-1800)}
		return time.Unix(rng.Int64N(4e9), rng.Int64N(3)*rng.Int64N(1e9)).In(zones[rng.IntN(len(zones))])
	}
	contact := func() ContactJSON {
		c := ContactJSON{ID: str(), FirstName: str(), LastName: str(), DisplayName: str(), Emails: labeled(), Title: str(),
			CompanyID: ptr(), Address: app.Address{Street: str(), City: str(), Region: str(), PostalCode: str(), Country: str()},
			Birthday: str(), Website: str(), Social: labeled(), LeadSource: str(), LifecycleStatus: str(), OwnerID: ptr(),
			Notes: str(), Version: rng.IntN(1000), CreatedAt: when(), UpdatedAt: when()}
		if rng.IntN(3) > 0 {
			c.Phones = []PhoneJSON{{Label: str(), Value: str(), E164: str()}}
		}
		if rng.IntN(3) > 0 {
			c.Tags = []string{str(), str()}
		}
		switch rng.IntN(3) {
		case 1:
			c.CustomFields = map[string]any{}
		case 2:
			floats := []float64{12.5, 0, -0.0, 7, 1e21, 1e20, 1e-6, 1e-7, -3.5e-9, 0.1 + rng.Float64(), math.MaxFloat64, 123456789.125}
			c.CustomFields = map[string]any{"seats": floats[rng.IntN(len(floats))], "plan": str(), "renewal": "2027-01-01",
				"vip": rng.IntN(2) == 0, "labels": []string{str(), str()}, "no_labels": []string{}, str(): str(),
				"mrr": app.MoneyValue{Minor: rng.Int64N(1e12) - 5e11, Currency: str()}, "none": nil, "count": int64(rng.IntN(9))}
		}
		return c
	}
	same := func(v any, write func(http.ResponseWriter)) {
		t.Helper()
		var want bytes.Buffer
		if err := json.NewEncoder(&want).Encode(v); err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		write(rec)
		if rec.Body.String() != want.String() {
			t.Fatalf("by hand:\n%s\nencoding/json:\n%s", rec.Body, &want)
		}
		if rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
			t.Fatalf("content type %q", rec.Header().Get("Content-Type"))
		}
	}
	for range 2000 {
		c := contact()
		same(c, func(w http.ResponseWriter) { encode(w, http.StatusOK, c) })
	}
	for n := range 20 {
		page := PageJSON[ContactJSON]{Data: []ContactJSON{}, NextCursor: ptr(), Total: rng.IntN(100_000)}
		for range n {
			page.Data = append(page.Data, contact())
		}
		same(page, func(w http.ResponseWriter) { encode(w, http.StatusOK, page) })
	}
	// Pages of other records are encoded by encoding/json.
	other := PageJSON[PhoneJSON]{Data: []PhoneJSON{{Label: "<", Value: "x"}}}
	same(other, func(w http.ResponseWriter) { encode(w, http.StatusOK, other) })
}
