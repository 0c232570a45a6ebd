package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"rolo/app"
)

// unsafeFileName is what a segment's name may not bring into a file name.
var unsafeFileName = regexp.MustCompile(`[^\pL\pN_-]+`)

// exportSegment downloads the records of a saved segment: only those the
// user sees, without the fields hidden from their role. The file is built
// first, so a segment that cannot be read shows an error page rather
// than a cut-off download.
func (s *site) exportSegment(w http.ResponseWriter, r *http.Request, b Base, entity, format, id, contentType string) {
	seg, err := s.app.Segment(r.Context(), b.User, id)
	if err == nil && seg.Entity != entity {
		err = &app.Error{Code: app.ENotFound, Message: "error.segment_entity"}
	}
	if err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	var buf bytes.Buffer
	if format == "csv" {
		writeCSVBOM(&buf, r)
	}
	ctx := app.WithLanguage(r.Context(), b.Lang) // a deal's built-in pipeline and stage as this page names them
	export := func() error { return s.app.ExportSegment(ctx, b.User, &buf, id, format) }
	if format == "vcf" {
		export = func() error { return s.app.ExportSegmentVCards(ctx, b.User, &buf, id, r.URL.Query().Get("version")) }
	}
	if err := export(); err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	// An ASCII name for old clients, the segment's own (e.g. Korean) name for the rest (RFC 6266).
	day := time.Now().Format("2006-01-02")
	name := fmt.Sprintf("rolo-%s-%s-%s.%s", entity, unsafeFileName.ReplaceAllString(seg.Name, "-"), day, format)
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rolo-%s-segment-%s.%s"; filename*=UTF-8''%s`,
		entity, day, format, url.PathEscape(name)))
	_, _ = w.Write(buf.Bytes())
}
