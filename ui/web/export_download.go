package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// handleExport downloads every live contact, company or deal as CSV
// (with a byte-order mark unless ?bom=0), JSON or (contacts) vCard, 4.0
// unless ?version=3.0.
func handleExport(s *site) http.Handler {
	types := map[string]string{"csv": "text/csv; charset=utf-8", "json": "application/json", "vcf": "text/vcard; charset=utf-8"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.title")
		r = r.WithContext(app.WithLanguage(r.Context(), b.Lang)) // a deal's built-in pipeline and stage as this page names them
		entity, format := mux.Vars(r)["entity"], r.URL.Query().Get("format")
		if format == "" {
			format = "csv"
		}
		if !s.app.Can(b.User, app.AreaImports, app.LevelView) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		version := r.URL.Query().Get("version") // vCard: 4.0 (the default) or 3.0
		if _, ok := types[format]; !ok || !request.Contains([]string{"contact", "company", "deal"}, entity) || (format == "vcf" && entity != "contact") ||
			(version != "" && !request.Contains(app.VCardVersions, version)) {
			s.views.renderError(w, r, b, &app.Error{Code: app.ENotFound, Message: "error.not_found"})
			return
		}
		if id := r.URL.Query().Get("segment"); id != "" {
			s.exportSegment(w, r, b, entity, format, id, types[format])
			return
		}
		w.Header().Set("Content-Type", types[format])
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rolo-%s-%s.%s"`, entity, time.Now().Format("2006-01-02"), format))
		if format == "csv" {
			writeCSVBOM(w, r)
		}
		// Headers are sent with the first row; a failure later can only cut the file short.
		if format == "vcf" {
			_ = s.app.ExportVCards(r.Context(), b.User, w, version, nil)
			return
		}
		_ = s.app.Export(r.Context(), b.User, w, entity, format, nil)
	})
}
