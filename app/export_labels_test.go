package app_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// channelsOf is a contact's emails and phones as "label: value", in order.
func channelsOf(c app.Contact) string {
	var out []string
	for _, e := range c.Emails {
		out = append(out, e.Label+": "+e.Value)
	}
	for _, p := range c.Phones {
		out = append(out, p.Label+": "+p.Value)
	}
	return strings.Join(out, "\n")
}

// contactsByName imports nothing: it reads every contact, by display name.
func contactsByName(t *testing.T, ta *testApp, admin app.Actor) map[string]app.Contact {
	t.Helper()
	ctx := context.Background()
	list, err := ta.ListContacts(ctx, nil, store.ListQuery{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]app.Contact{}
	for _, r := range list.Rows {
		c, err := ta.Contact(ctx, admin, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[c.DisplayName] = c
	}
	return out
}

// TestChannelLabelsRoundTrip: the labels of testdata/import/vcard/labels.vcf
// (TYPE work, home, other, cell, fax, pager, pref and X-ABLabel) survive a
// vCard export and a CSV export, each imported into a new database; the
// CSV export writes phones as typed.
func TestChannelLabelsRoundTrip(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	data, err := os.ReadFile(filepath.Join("..", "testdata", "import", "vcard", "labels.vcf"))
	is.NoErr(err)
	_, err = ta.ImportVCard(ctx, admin, bytes.NewReader(data), app.ImportOptions{FileName: "labels.vcf"})
	is.NoErr(err)
	before := contactsByName(t, ta, admin)
	is.Equal(len(before), 2)
	is.True(strings.Contains(channelsOf(before["Layla Haddad"]), "assistant: +961 3 999 888"))

	for _, format := range []string{"vcf", "csv"} {
		var out bytes.Buffer
		is.NoErr(ta.Export(ctx, admin, &out, "contact", format, nil))
		if format == "vcf" {
			is.True(strings.Contains(out.String(), "X-ABLABEL:assistant")) // a label vCard has no TYPE for
		} else {
			is.True(strings.Contains(out.String(), "01 234 567")) // as typed, not E.164
			is.True(strings.Contains(out.String(), "email_label"))
		}
		tb := mustOpenApp(t)
		adminB := mustSetup(t, tb)
		if format == "vcf" {
			_, err = tb.ImportVCard(ctx, adminB, bytes.NewReader(out.Bytes()), app.ImportOptions{FileName: "back.vcf"})
		} else {
			_, err = tb.Import(ctx, adminB, bytes.NewReader(out.Bytes()), app.ImportOptions{Entity: "contact"})
		}
		is.NoErr(err)
		after := contactsByName(t, tb, adminB)
		for name, c := range before {
			is.Equal(channelsOf(after[name]), channelsOf(c)) // labels and order kept
		}
	}
}
