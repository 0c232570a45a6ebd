package web

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleImportFailures downloads the rows an import could not take, as
// read, with the line and the problem in front, to fix and import again;
// and the fields it left out of the rows it kept, with their values.
func handleImportFailures(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		id := mux.Vars(r)["id"]
		batch, err := s.app.ImportBatch(r.Context(), b.User, id)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		failures, err := s.app.ImportFailures(r.Context(), b.User, id)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="failed-rows-%s.csv"`, batch.ID))
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"line", "problem"})
		for _, f := range failures {
			var cells []string
			_ = json.Unmarshal([]byte(f.Cells), &cells)
			key, value, kept := app.ImportFailureKept(f)
			problem := s.catalog.T(b.Lang, key)
			if f.Field != "" {
				problem = f.Field + ": " + problem
			}
			if kept {
				problem += fmt.Sprintf(" (%q) — %s", value, s.catalog.T(b.Lang, "imports.left_out"))
			}
			_ = cw.Write(append([]string{fmt.Sprint(f.Line), neutralise(problem)}, neutraliseAll(cells)...))
		}
		cw.Flush()
	})
}

// neutralise keeps a spreadsheet from running a downloaded cell as a
// formula (the same rule as app's exports).
func neutralise(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

func neutraliseAll(cells []string) []string {
	for i, c := range cells {
		cells[i] = neutralise(c)
	}
	return cells
}
