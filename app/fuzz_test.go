package app_test

import (
	"context"
	"path/filepath"
	"testing"

	"rolo/app"
	"rolo/store"
)

// FuzzSearch feeds arbitrary text to the search box: whatever is typed,
// the query must run (no FTS5 syntax error, no panic), unless it is over
// the length limits, which must be said as an invalid q and nothing else.
// Run longer with go test ./app -fuzz FuzzSearch.
func FuzzSearch(f *testing.F) {
	for _, seed := range []string{"ada", "김민수", "山田 太郎", `"unterminated`, "a* OR b", "NEAR(a b, 3)", "name:x", "-x +y", "010-1234-5678",
		"ｆｕｌｌ ｗｉｄｔｈ", "zoë", "\x00\x01", "(((", "'; DROP TABLE contacts; --", "^start", "a AND", "\u202e", "🙂"} {
		f.Add(seed)
	}
	ctx := context.Background()
	a, err := app.Open(ctx, filepath.Join(f.TempDir(), "rolo.db"), app.Config{})
	if err != nil {
		f.Fatal(err)
	}
	defer a.Close()
	if _, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "민수", LastName: "김", Emails: []store.Labeled{{Value: "minsu@example.kr"}}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := a.Search(ctx, nil, q, 10)
		if e := app.AsError(err); err != nil && e.Code == app.EInvalid && e.Fields["q"] == "error.query_too_long" {
			return // too long to search: refused by name, as it should be
		}
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
	})
}

// FuzzContactInput checks that no text in a contact's fields can make
// validation panic or store something the list cannot read back.
func FuzzContactInput(f *testing.F) {
	f.Add("Ada", "Lovelace", "ada@example.com", "+44 20 7946 0958", "1815-12-10", "example.com", "vip")
	f.Add("민수", "김", "not an email", "010-1234-5678", "--02-29", "javascript:alert(1)", "a,b")
	f.Add("", "", "", "ext. 12", "13-45", "http://", "\x00")
	ctx := context.Background()
	a, err := app.Open(ctx, filepath.Join(f.TempDir(), "rolo.db"), app.Config{})
	if err != nil {
		f.Fatal(err)
	}
	defer a.Close()
	f.Fuzz(func(t *testing.T, first, last, email, phone, birthday, website, tag string) {
		c, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: first, LastName: last, Birthday: birthday, Website: website,
			Emails: []store.Labeled{{Value: email}}, Phones: []store.Labeled{{Value: phone}}, Tags: []string{tag}})
		if err != nil {
			if code := app.ErrorCode(err); code != app.EInvalid {
				t.Fatalf("want a validation error or success, got %v", err)
			}
			return
		}
		got, err := a.Contact(ctx, nil, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.DisplayName == "" {
			t.Fatalf("a stored contact has no display name: %+v", got)
		}
	})
}
