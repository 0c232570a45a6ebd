package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// regionUser adds a sales user whose own phone region is region ("" for
// the instance's).
func regionUser(t *testing.T, ta *testApp, admin *app.User, email, region string) *app.User {
	t.Helper()
	ctx := context.Background()
	u, err := ta.CreateUser(ctx, admin, app.NewUser{Name: email, Email: email, Role: app.RoleSales, Password: "correct horse"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.SetUserPhoneRegion(ctx, u, region); err != nil {
		t.Fatal(err)
	}
	return u
}

func addPerson(t *testing.T, ta *testApp, actor *app.User, name, phone string) app.Contact {
	t.Helper()
	c, err := ta.CreateContact(context.Background(), actor, app.ContactInput{DisplayName: name, Phones: []store.Labeled{{Label: "mobile", Value: phone}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestNumbersAreReadInTheTypistsRegion: a number without a country code
// is read in the region of the user who typed it, else the instance's.
func TestNumbersAreReadInTheTypistsRegion(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta) // follows the instance: US until changed
	seoul := regionUser(t, ta, admin, "minsu@example.com", "kr")
	tokyo := regionUser(t, ta, admin, "haruto@example.com", "JP")
	is.Equal(ta.PhoneRegionOf(ctx, seoul), "KR")
	is.Equal(ta.UserPhoneRegion(ctx, admin), "")
	is.Equal(ta.PhoneRegionOf(ctx, admin), "US")

	for _, c := range []struct {
		who         *app.User
		phone, e164 string
	}{
		{seoul, "010-1234-5678", "+821012345678"},
		{tokyo, "090-1234-5678", "+819012345678"},
		{admin, "(415) 555-0142", "+14155550142"},
		{admin, "010-1234-5678", ""},               // a Korean mobile is no US number: kept, unread
		{nil, "010-9876-5432", ""},                 // the command line reads in the instance's region
		{seoul, "+1 415 555 0142", "+14155550142"}, // a country code wins over any region
	} {
		got := addPerson(t, ta, c.who, "someone", c.phone)
		is.Equal(got.Phones[0].Value, c.phone) // kept as typed
		is.Equal(got.Phones[0].E164, c.e164)
	}

	// A company's phone too.
	co, err := ta.CreateCompany(ctx, seoul, app.CompanyInput{Name: "한빛", Phone: "02-312-3456"})
	is.NoErr(err)
	is.Equal(co.Phone.E164, "+8223123456")

	// An import reads in the importer's region.
	is.NoErr(ta.SetUserPhoneRegion(ctx, admin, "JP"))
	csv := "First Name,Last Name,Mobile Phone\r\n陽翔,山田,080-2345-6789\r\n"
	rep, err := ta.Import(ctx, admin, strings.NewReader(csv), app.ImportOptions{Entity: "contact", FileName: "contacts.csv"})
	is.NoErr(err)
	is.Equal(rep.Created, 1)
	hits, err := ta.Search(ctx, admin, "山田", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1)
	imported, err := ta.Contact(ctx, admin, hits[0].Ref)
	is.NoErr(err)
	is.Equal(imported.Phones[0].E164, "+818023456789")

	is.NoErr(ta.SetUserPhoneRegion(ctx, seoul, "")) // back to the instance's
	is.Equal(ta.PhoneRegionOf(ctx, seoul), "US")
	is.True(fieldProblem(ta.SetUserPhoneRegion(ctx, seoul, "XX"), "phone_region") != "")
}

// TestRereadPhones: after a region change, the numbers that could not be
// read are read in the new region, in a dry run and for real, audited
// and searchable, and doctor still finds the index in step.
func TestRereadPhones(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	minsu := addPerson(t, ta, admin, "김민수", "010-1234-5678") // typed while the region was US
	haruto := addPerson(t, ta, admin, "山田陽翔", "090-1234-5678")
	ext := addPerson(t, ta, admin, "Front desk", "ext. 12")
	_, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "한빛", Phone: "02-312-3456"})
	is.NoErr(err)
	is.Equal(minsu.Phones[0].E164, "")
	hits, err := ta.Search(ctx, admin, "+82 10 1234 5678", 10)
	is.NoErr(err)
	is.Equal(len(hits), 0) // unread: "+82…" cannot find it yet

	is.NoErr(ta.SetPhoneRegion(ctx, admin, "KR"))
	dry, err := ta.RereadPhones(ctx, admin, "KR", app.RereadAll, false)
	is.NoErr(err)
	is.Equal(dry.Unread, 4)       // three contacts' numbers and the company's
	is.Equal(len(dry.Changes), 2) // the Korean mobile and the Seoul landline; 090… and "ext. 12" are no Korean numbers
	is.Equal(dry.Applied, 0)
	got, err := ta.Contact(ctx, admin, minsu.ID)
	is.NoErr(err)
	is.Equal(got.Phones[0].E164, "") // a dry run writes nothing

	done, err := ta.RereadPhones(ctx, admin, "KR", app.RereadAll, true)
	is.NoErr(err)
	is.Equal(done.Applied, 2)
	got, err = ta.Contact(ctx, admin, minsu.ID)
	is.NoErr(err)
	is.Equal(got.Phones[0].E164, "+821012345678")
	is.Equal(got.Phones[0].Value, "010-1234-5678")
	history, err := ta.History(ctx, admin, "contact", minsu.ID, 10)
	is.NoErr(err)
	is.Equal(history[0].Action, string(app.ActionPhoneReread))
	is.Equal(history[0].ActorID, admin.ID)
	hits, err = ta.Search(ctx, admin, "+82 10 1234 5678", 10)
	is.NoErr(err)
	is.Equal(len(hits), 1)
	is.Equal(hits[0].Ref, minsu.ID)

	// Japan's numbers are read in JP; Korea's are no longer unread.
	jp, err := ta.RereadPhones(ctx, nil, "JP", app.RereadAll, true)
	is.NoErr(err)
	is.Equal(jp.Unread, 2)
	is.Equal(jp.Applied, 1)
	got, err = ta.Contact(ctx, admin, haruto.ID)
	is.NoErr(err)
	is.Equal(got.Phones[0].E164, "+819012345678")
	got, err = ta.Contact(ctx, admin, ext.ID)
	is.NoErr(err)
	is.Equal(got.Phones[0].E164, "") // still not a number anywhere

	// A user's own change re-reads their own records only.
	sales := regionUser(t, ta, admin, "sam@example.com", "")
	is.NoErr(ta.SetPhoneRegion(ctx, admin, "US"))
	theirs := addPerson(t, ta, sales, "Their contact", "010-5555-6666")
	addPerson(t, ta, admin, "Admin's contact", "010-7777-8888")
	own, err := ta.RereadPhones(ctx, sales, "KR", app.RereadOwn, true)
	is.NoErr(err)
	is.Equal(own.Unread, 1)
	is.Equal(own.Applied, 1)
	got, err = ta.Contact(ctx, sales, theirs.ID)
	is.NoErr(err)
	is.Equal(got.Phones[0].E164, "+821055556666")
	_, err = ta.RereadPhones(ctx, sales, "KR", app.RereadAll, false)
	is.Equal(app.ErrorCode(err), app.EForbidden) // only admins re-read everyone's

	is.NoErr(ta.Close())
	report, err := app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.Equal(report.Search, []string(nil)) // every re-read record was re-indexed
}

// TestSearchFindsAnyFormOfANumber: 김민수's 010-1234-5678, stored in
// Korea, is found however it is typed, and so are a Japanese and a US
// number, each in its searcher's region.
func TestSearchFindsAnyFormOfANumber(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	seoul := regionUser(t, ta, admin, "minsu@example.com", "KR")
	tokyo := regionUser(t, ta, admin, "haruto@example.com", "JP")
	minsu := addPerson(t, ta, seoul, "김민수", "010-1234-5678")
	haruto := addPerson(t, ta, tokyo, "山田陽翔", "090-1234-5678")
	ada := addPerson(t, ta, admin, "Ada Lovelace", "(415) 555-0142")

	for _, c := range []struct {
		who   *app.User
		query string
		want  string
	}{
		{seoul, "+82 10 1234 5678", minsu.ID},
		{seoul, "010-1234-5678", minsu.ID},
		{seoul, "01012345678", minsu.ID},
		{seoul, "0082 10 1234 5678", minsu.ID},
		{seoul, "10 1234 5678", minsu.ID},
		{admin, "+82 10-1234-5678", minsu.ID}, // any searcher, with the country code
		{tokyo, "+81 90 1234 5678", haruto.ID},
		{tokyo, "090 1234 5678", haruto.ID},
		{tokyo, "9012345678", haruto.ID},
		{admin, "+1 415 555 0142", ada.ID},
		{admin, "415.555.0142", ada.ID},
		{admin, "001 415 555 0142", ada.ID}, // "00" as most countries write it
		{seoul, "+82 (0)10 1234 5678", minsu.ID},
	} {
		hits, err := ta.Search(ctx, c.who, c.query, 10)
		is.NoErr(err)
		found := false
		for _, h := range hits {
			found = found || h.Ref == c.want
		}
		if !found {
			t.Errorf("%q by %s: %v, want %s", c.query, c.who.Email, hits, c.want)
		}
	}
}

// TestProposeRegion: the browser's zone, then its language.
func TestProposeRegion(t *testing.T) {
	for _, c := range []struct{ lang, zone, want string }{
		{"ko-KR,ko;q=0.9,en-US;q=0.8", "Asia/Seoul", "KR"},
		{"ko-KR,ko;q=0.9", "", "KR"},
		{"ko", "", "KR"},
		{"en-US,en;q=0.9", "Asia/Seoul", "KR"}, // where they are beats how they read
		{"en-US", "Asia/Tokyo", "JP"},
		{"ja", "", "JP"},
		{"zh-Hans", "", "CN"},
		{"zh-TW", "", "TW"},
		{"en-GB", "UTC", "GB"}, // UTC is nobody's country
		{"de", "Europe/Berlin", "DE"},
		{"", "America/Los_Angeles", "US"},
		{"", "", "US"},
		{"xx-*;;", "Etc/GMT+5", "US"},
	} {
		if got := app.ProposeRegion(c.lang, c.zone); got != c.want {
			t.Errorf("%q %q: %s, want %s", c.lang, c.zone, got, c.want)
		}
	}
}
