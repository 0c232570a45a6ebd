package web

import (
	"io"
	"net/http"
)

// utf8BOM starts every CSV the browser downloads: Excel on Windows reads
// a CSV without it in the system's code page, so Korean, Japanese and
// Chinese names arrive as mojibake. Rolo's own import and most programs
// skip it; ?bom=0 leaves it out for those that do not.
const utf8BOM = "\uFEFF"

// writeCSVBOM writes the byte-order mark ahead of a CSV unless the
// request asked for none (?bom=0).
func writeCSVBOM(w io.Writer, r *http.Request) {
	if r.URL.Query().Get("bom") != "0" {
		_, _ = io.WriteString(w, utf8BOM)
	}
}
