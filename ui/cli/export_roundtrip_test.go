package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestCSVRoundTripCommand: `rolo export deals --as` a Korean-speaking user
// names the built-in pipeline and stages in Korean; `rolo import` brings
// companies, contacts and deals into another database with the same
// ids, and the same files imported again into the first database create
// nothing, the dry run saying so first.
func TestCSVRoundTripCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := t.Context()
	a, getenv := openCommandDB(t)
	mina, err := a.CreateUser(ctx, nil, app.NewUser{Name: "Mina", Email: "mina@example.com", Role: app.RoleAdmin, Password: "12345678"})
	is.NoErr(err)
	_, err = a.UpdateProfile(ctx, mina, app.Profile{Name: "Mina", Language: "ko"})
	is.NoErr(err)
	co, err := a.CreateCompany(ctx, nil, app.CompanyInput{Name: "Acme, Inc.", Tags: []string{"partner, gold"}})
	is.NoErr(err)
	c, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "지우", CompanyID: co.ID, Emails: []store.Labeled{{Label: "work", Value: "jiwoo@example.com"}}})
	is.NoErr(err)
	pipelines, err := a.Pipelines(ctx, nil)
	is.NoErr(err)
	_, err = a.CreateDeal(ctx, nil, app.DealInput{Title: "갱신, 2027", StageID: pipelines[0].Stages[2].ID, CompanyID: co.ID, ContactIDs: []string{c.ID}})
	is.NoErr(err)
	is.NoErr(a.Close())

	body, err := os.ReadFile(filepath.Join("..", "..", "embed", "i18n", "ko", "deals.json"))
	is.NoErr(err)
	var ko map[string]string
	is.NoErr(json.Unmarshal(body, &ko))

	dir := t.TempDir()
	files := map[string]string{}
	for _, kind := range []string{"companies", "contacts", "deals"} {
		files[kind] = filepath.Join(dir, kind+".csv")
		_, err := rolo(t, getenv, "", "export", kind, "--as", "mina@example.com", "-o", files[kind])
		is.NoErr(err)
	}
	deals, err := os.ReadFile(files["deals"])
	is.NoErr(err)
	is.True(strings.Contains(string(deals), ko["pipeline.default.name"])) // 영업, not default.name

	other := env(map[string]string{"ROLO_DB": filepath.Join(dir, "other.db")})
	for _, kind := range []string{"companies", "contacts", "deals"} {
		out, err := rolo(t, other, "", "import", kind, files[kind])
		is.NoErr(err)
		is.True(strings.Contains(out, "Imported: 1 created"))
	}
	for _, kind := range []string{"companies", "contacts", "deals"} {
		was, err := rolo(t, getenv, "", "export", kind) // the operator's, in English
		is.NoErr(err)
		again, err := rolo(t, other, "", "export", kind)
		is.NoErr(err)
		is.Equal(again, was) // ids, times and all
	}

	for _, kind := range []string{"companies", "contacts", "deals"} {
		out, err := rolo(t, getenv, "", "import", kind, files[kind], "--dry-run")
		is.NoErr(err)
		is.True(strings.Contains(out, "Would import: 0 created, 0 updated, 1 skipped"))
		out, err = rolo(t, getenv, "", "import", kind, files[kind])
		is.NoErr(err)
		is.True(strings.Contains(out, "Imported: 0 created, 0 updated, 1 skipped"))
	}
}
