package web

import (
	"bytes"
	"log/slog"
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// renderFragment writes one named template of page's set, without the
// layout: a piece of a page that a script fetches and inserts (more cards
// of a board column). Like render, it buffers first.
func (v *views) renderFragment(w http.ResponseWriter, r *http.Request, page, name, lang string, data any) {
	t, err := v.bound(page, lang, app.Location(request.CurrentUser(r)))
	if err == nil {
		var buf bytes.Buffer
		if err = t.ExecuteTemplate(&buf, name, data); err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = buf.WriteTo(w)
			return
		}
	}
	slog.Error("render fragment", "page", page, "name", name, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}
