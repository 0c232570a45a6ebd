package web

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"rolo/ui/request"
)

// handleReportCSV sends a report's tables as CSV, with the same period and
// filters as the page it is linked from.
func handleReportCSV(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := mux.Vars(r)["name"]
		if !slices.Contains(request.ReportNames, name) {
			writeNotFound(w, r, s)
			return
		}
		lang := s.catalog.Language(r, request.CurrentUser(r))
		view, f, err := s.buildReport(r, lang, name)
		if err != nil {
			s.views.renderError(w, r, s.base(w, r, "error.title"), err)
			return
		}
		period := f.Period
		if period == "custom" {
			period = f.From + "_" + f.To
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="rolo-`+name+`-`+period+`.csv"`)
		writeCSVBOM(w, r)
		writeReportCSV(w, view)
	})
}

// writeReportCSV writes each table under its caption, a blank line apart.
func writeReportCSV(w http.ResponseWriter, v reportView) {
	out := csv.NewWriter(w)
	write := func(cells []string) {
		for i, c := range cells {
			cells[i] = safeCSVCell(c)
		}
		_ = out.Write(cells)
	}
	for i, t := range v.Tables {
		if i > 0 {
			_ = out.Write([]string{})
		}
		write([]string{t.Caption})
		write(slices.Clone(t.Head))
		for _, row := range append(slices.Clone(t.Rows), t.Foot) {
			if len(row) == 0 {
				continue
			}
			cells := make([]string, len(row))
			for k, c := range row {
				cells[k] = c.csv()
			}
			write(cells)
		}
	}
	out.Flush()
}

// safeCSVCell keeps a spreadsheet from running a cell as a formula: a
// value starting with = + - @, a tab or a carriage return gets a leading
// apostrophe. Reports have no negative numbers, so none is spoilt.
func safeCSVCell(s string) string {
	if s == "" || !strings.ContainsAny(s[:1], "=+-@\t\r") {
		return s
	}
	return "'" + s
}
