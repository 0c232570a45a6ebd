package app_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// The vCard round trip: contacts exported as vCard 4.0 or 3.0 come back
// into a fresh database with every field equal (the second export is
// the same file), and come back into the same database as nothing new.
// The contacts and the file's checks against the RFC are in
// vcard_rfc_test.go.

// firstDifference names the first line where two files differ.
func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\r\n"), strings.Split(string(b), "\r\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  " + al[i] + "\n  " + bl[i]
		}
	}
	return "lengths " + strconv.Itoa(len(al)) + " and " + strconv.Itoa(len(bl))
}

func TestVCardRoundTrip(t *testing.T) {
	t.Parallel()
	for _, version := range []string{"4.0", "3.0"} {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			is := is.New(t)
			ctx := context.Background()
			ta := mustOpenApp(t)
			admin, bo := vcardTeam(t, ta)
			n := vcardSeed(t, ta, admin, bo)
			first := exportVCards(t, ta, admin, version)
			is.True(bytes.HasPrefix(first, []byte("BEGIN:VCARD\r\nVERSION:"+version+"\r\n")))

			// Into a fresh database: every contact created, nothing left out.
			tb := mustOpenApp(t)
			adminB, _ := vcardTeam(t, tb)
			rep, err := tb.ImportVCard(ctx, adminB, bytes.NewReader(first), app.ImportOptions{FileName: "rolo.vcf"})
			is.NoErr(err)
			is.Equal(rep.Problems, nil)
			is.Equal(rep.Warnings, nil)
			is.Equal(rep.Created, n)
			second := exportVCards(t, tb, adminB, version)
			if !bytes.Equal(first, second) {
				t.Fatalf("the export of the imported file differs at %s", firstDifference(first, second))
			}
			other := map[string]string{"4.0": "3.0", "3.0": "4.0"}[version] // each version carries every field
			if a, b := exportVCards(t, ta, admin, other), exportVCards(t, tb, adminB, other); !bytes.Equal(a, b) {
				t.Fatalf("as %s, the export of the imported file differs at %s", other, firstDifference(a, b))
			}

			// Into the same database: matched by id, nothing created or
			// updated, the dry run saying the same.
			for _, dry := range []bool{true, false} {
				rep, err := ta.ImportVCard(ctx, admin, bytes.NewReader(first), app.ImportOptions{FileName: "again.vcf", DryRun: dry})
				is.NoErr(err)
				is.Equal([3]int{rep.Created, rep.Updated, rep.Skipped}, [3]int{0, 0, n})
			}
			is.Equal(exportVCards(t, ta, admin, version), first)
		})
	}
}

// TestVCardRealShapesKeepLabels imports cards as Apple Contacts and
// Google Contacts write them: labels from TYPE and X-ABLabel (Apple's
// _$!<…>!$_ included), the preferred channel first, the preferred
// address, the home page as the website, further URLs and
// X-SOCIALPROFILE as profiles, a comma inside a category.
func TestVCardRealShapesKeepLabels(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	for _, name := range []string{"vcard/apple-contacts.vcf", "vcard/google-contacts.vcf", "apple.vcf", "google.vcf"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "import", name))
		is.NoErr(err)
		rep, err := ta.ImportVCard(ctx, admin, bytes.NewReader(data), app.ImportOptions{FileName: name})
		is.NoErr(err)
		is.Equal(rep.Problems, nil)
	}
	byName := contactsByName(t, ta, admin)
	social := func(c app.Contact) string {
		var out []string
		for _, s := range c.Social {
			out = append(out, s.Label+": "+s.Value)
		}
		return strings.Join(out, "\n")
	}
	tagNames := func(c app.Contact) []string {
		var out []string
		for _, tag := range c.Tags {
			out = append(out, tag.Name)
		}
		slices.Sort(out)
		return out
	}

	johnny := byName["Johnny Appleseed"]
	is.Equal(channelsOf(johnny), strings.Join([]string{"home: johnny@icloud.example", "work: johnny@orchard.example", "school: jappleseed@school.example",
		"mobile: +1 (408) 555-0101", "mobile: +1 (408) 555-0102", "work: +1 (408) 555-0103", "home fax: +1 (408) 555-0104",
		"assistant: +1 (408) 555-0105"}, "\n"))
	is.Equal(johnny.Address, store.Address{Street: "20 Apple Lane\nApt 4", City: "Los Gatos", Region: "CA", PostalCode: "95030", Country: "United States"})
	is.Equal(johnny.Website, "https://www.orchard.example")
	is.Equal(social(johnny), "blog: https://johnny.example/blog\ntwitter: http://twitter.com/jappleseed\nlinkedin: http://www.linkedin.com/in/jappleseed\nkakaotalk: johnny.a")
	is.Equal(johnny.Birthday, "1976-04-01")
	is.Equal(johnny.Notes, "Met at the developer conference, loves apples; bring a pie.\nSecond line of the note.")

	maria := byName["María García"]
	is.Equal(channelsOf(maria), strings.Join([]string{"home: maria@gmail.example", "work: maria.garcia@empresa.example", "universidad: maria@uni.example",
		"mobile: +34 612 34 56 78", "work: +34 91 123 45 67", "casa de campo: +34 600 000 000"}, "\n"))
	is.Equal(maria.Address.Street, "Calle Mayor 1, 3º B") // the first address: none is preferred
	is.Equal(maria.Website, "https://maria.example")
	is.Equal(social(maria), "linkedin: https://www.linkedin.com/in/mariagarcia")
	is.Equal(tagNames(maria), []string{"Clientes", "Madrid, centro", "myContacts"})
	is.Equal(channelsOf(byName["Chen Wei"]), "mobile: +86 138 0013 8000\noffice, beijing: +86 10 8888 0000")

	// The files that were there before: Apple's and Google's labels.
	is.Equal(channelsOf(byName["Yuki Nakamura"]), "work: yuki.nakamura@example.jp\nmobile: +81 90-1234-5678")
	is.Equal(channelsOf(byName["최지우"]), "work: jiwoo.choi@example.kr\nmobile: +82-10-2345-6789")
}
