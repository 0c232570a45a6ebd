package web

import (
	"net/http"

	"rolo/ui/request"
)

// handleReportsIndex opens the first report; each report's page links
// to the others.
func handleReportsIndex(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, s.recordPath("report", "name", request.ReportNames[0]), http.StatusSeeOther)
	})
}
