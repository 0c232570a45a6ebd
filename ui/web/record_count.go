package web

import (
	"net/http"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// recordCount is the answer of a list's count request.
type recordCount struct {
	Total int    `json:"total"`
	Text  string `json:"text"` // "12,345 contacts", in the user's language
}

// handleRecordCount answers the total of a filtered contact or company
// list. A list filtered on custom fields shows its rows first and asks for
// this afterwards, because counting every match can take longer than the
// page itself (see app.ListQuery.CountLater).
func handleRecordCount(s *site, entity string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		f := readRecordFilter(r.URL.Query())
		q := f.query()
		if err := request.FilterQuery(r.Context(), s.app, user, entity, f.values(), &q); err != nil {
			request.WriteProblem(w, r, err, s.catalog)
			return
		}
		known, err := s.resolveTag(r, f.Tag, &q)
		n := 0
		if err == nil && known {
			n, err = s.app.CountRecords(r.Context(), user, entity, q)
		}
		if err != nil {
			request.WriteProblem(w, r, err, s.catalog)
			return
		}
		request.Encode(w, http.StatusOK, recordCount{Total: n, Text: s.catalog.Count(s.catalog.Language(r, user), countKeys[entity], n)})
	})
}

// countKeys are the catalog keys of "N contacts" and "N companies".
var countKeys = map[string]string{"contact": "contacts.count", "company": "companies.count"}

// countLinks fills a list page's links for a total left to count later:
// CountURL answers it as JSON (app.js fetches it), ExactURL shows the page
// with it for a browser without scripts.
func countLinks(countPath, listPath string, f recordFilter) (countURL, exactURL string) {
	countURL = recordListURL(countPath, f, "")
	exactURL = recordListURL(listPath, f, f.Cursor)
	if strings.Contains(exactURL, "?") {
		return countURL, exactURL + "&count=exact"
	}
	return countURL, exactURL + "?count=exact"
}

// countLater tells a list to leave a costly total to the count request,
// unless the page was asked for with it (count=exact).
func countLater(r *http.Request, q *app.ListQuery) {
	q.CountLater = r.URL.Query().Get("count") != "exact"
}
