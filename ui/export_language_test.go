package ui_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestDealsCSVNamesStagesInThePageLanguage: a deals CSV downloaded from a
// page in Japanese names the built-in pipeline and its stage in Japanese,
// as the board does, never by catalog key, and imports back onto the
// same stage.
func TestDealsCSVNamesStagesInThePageLanguage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	pipelines, err := ts.app.Pipelines(t.Context(), nil)
	is.NoErr(err)
	demo := pipelines[0].Stages[2]
	deal, err := ts.app.CreateDeal(t.Context(), nil, app.DealInput{Title: "見積もり", StageID: demo.ID})
	is.NoErr(err)
	body, err := os.ReadFile(filepath.Join("..", "embed", "i18n", "ja", "deals.json"))
	is.NoErr(err)
	var ja map[string]string
	is.NoErr(json.Unmarshal(body, &ja))

	b.header.Set("Accept-Language", "ja")
	res := b.get("/export/deal?format=csv&bom=0")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, ","+ja["pipeline.default.name"]+","+ja[demo.NameKey]+","))
	is.True(!strings.Contains(res.Body, "default."))

	other := newTestServer(t)
	admin, err := other.app.Setup(t.Context(), "", app.NewUser{Name: "Ada Admin", Email: "ada@example.com", Password: "correct horse"})
	is.NoErr(err)
	rep, err := other.app.Import(t.Context(), admin, strings.NewReader(res.Body), app.ImportOptions{Entity: "deal"})
	is.NoErr(err)
	is.Equal(rep.Warnings, nil)
	back, err := other.app.Deal(t.Context(), admin, deal.ID) // the same id
	is.NoErr(err)
	is.Equal(back.StageID, demo.ID) // on the same built-in stage
}
