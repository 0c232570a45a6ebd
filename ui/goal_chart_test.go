package ui_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/matryer/is"
)

// TestGoalChartNamesEachDateOnce: a goal set today has its start and its
// latest measure on the same day, and a goal over several years passes
// "Jan 1" more than once; the chart's axis (and its table) name each date
// once.
func TestGoalChartNamesEachDateOnce(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	for _, deadline := range []string{time.Now().AddDate(0, 0, 20).Format(time.DateOnly), "2031-12-31"} {
		t.Run(deadline, func(t *testing.T) {
			is := is.New(t)
			res := admin.post("/goals", url.Values{"name": {"Calls"}, "metric": {"activities"}, "user_id": {""}, "target": {"40"}, "deadline": {deadline}})
			is.Equal(res.StatusCode, http.StatusSeeOther)
			page := admin.get(res.Header.Get("Location"))
			is.Equal(page.StatusCode, http.StatusOK)
			rows := regexp.MustCompile(`<tr><th scope="row">([^<]+)</th>`).FindAllStringSubmatch(page.Body, -1)
			is.True(len(rows) > 1) // today and the weeks or months ahead
			seen := map[string]bool{}
			for _, r := range rows {
				is.True(!seen[r[1]]) // each date once
				seen[r[1]] = true
			}
		})
	}
}
