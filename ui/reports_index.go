package ui

import "net/http"

// handleReportsIndex opens the first report; each report's page links
// to the others.
func handleReportsIndex(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, s.recordPath("report", "name", reportNames[0]), http.StatusSeeOther)
	})
}
