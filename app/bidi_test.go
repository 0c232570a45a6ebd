package app_test

import (
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestBidiControlsAreStripped types the invisible characters that reverse
// or isolate text into names, emails and phones: they are dropped, so a
// name cannot pass for another on a page or in an exported file.
func TestBidiControlsAreStripped(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	controls := []string{"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"}
	hasControl := func(s string) bool {
		for _, c := range controls {
			if strings.Contains(s, c) {
				return true
			}
		}
		return false
	}
	co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Acme\u202Ecod.exe", Phone: "\u200E+1 415 555 0101"})
	is.NoErr(err)
	is.Equal(co.Name, "Acmecod.exe")
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{
		FirstName: "In\u202Evoice", LastName: "\u2066Smith\u2069", DisplayName: "Invoice\u202Efdp.exe", Title: "\u200FCEO\u061C",
		Emails: []store.Labeled{{Value: "mal\u202Elory@example.com"}}, Phones: []store.Labeled{{Value: "+1 415\u200E 555 0100"}},
		Notes: "prose keeps its marks: \u200F"})
	is.NoErr(err)
	is.Equal(c.FirstName, "Invoice")
	is.Equal(c.LastName, "Smith")
	is.Equal(c.DisplayName, "Invoicefdp.exe")
	is.Equal(c.Title, "CEO")
	is.Equal(c.Emails[0].Value, "mallory@example.com")
	is.Equal(c.Phones[0].Value, "+1 415 555 0100")
	is.Equal(c.Phones[0].E164, "+14155550100")
	u, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Eve\u202Enimda", Email: "e\u200Eve@example.com", Role: app.RoleViewer, Password: "12345678"})
	is.NoErr(err)
	is.Equal(u.Name, "Evenimda")
	is.Equal(u.Email, "eve@example.com")

	var out strings.Builder
	is.NoErr(ta.Export(ctx, admin, &out, "contact", "csv", nil))
	is.True(strings.Contains(out.String(), "Invoicefdp.exe"))
	is.True(!hasControl(strings.ReplaceAll(out.String(), "prose keeps its marks: \u200F", ""))) // nothing to disguise an export with

	rep, err := ta.Import(ctx, admin, strings.NewReader("first_name,last_name,email\nRe\u202Eport,Doe,im\u2067port@example.com\n"),
		app.ImportOptions{Entity: "contact", FileName: "bidi.csv"})
	is.NoErr(err)
	is.Equal(rep.Created, 1)
	hits, err := ta.Search(ctx, admin, "import@example.com", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1) // imports are cleaned the same way
	is.Equal(hits[0].Title, "Report Doe")
}
