package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"

	"rolo/app"
)

// importProblem sorts an error of the preview or the run: a problem with
// the file or the options (shown on the preview page, with the kinds a
// JSON export holds or what is wrong in it) or anything else (an error
// page). A JSON document Rolo cannot read lists its problems by path.
func importProblem(err error) (key, detail string, problems []string, ok bool) {
	var doc *app.DumpError
	if errors.As(err, &doc) {
		for _, p := range doc.Problems {
			problems = append(problems, p.String())
		}
		return "error.import_json_invalid", "", problems, true
	}
	e := app.AsError(err)
	if e.Code != app.EInvalid {
		return "", "", nil, false
	}
	return e.Message, e.Detail, nil, true
}

// isJSONUpload tells whether a kept upload is JSON (Rolo's export), whose
// fields are named in the file: a preset or an encoding chosen on the
// upload form does not apply to it.
func isJSONUpload(f *os.File) bool {
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return app.IsJSONFile(head[:n])
}

// renderImportProblem shows err of a preview or run on the preview page,
// or as an error page when it is not a problem of the file or options.
func (s *site) renderImportProblem(w http.ResponseWriter, r *http.Request, b Base, token string, v url.Values, rep app.ImportReport, err error) {
	key, detail, problems, ok := importProblem(err)
	if !ok {
		s.views.renderError(w, r, b, err)
		return
	}
	s.renderImportPreview(w, r, http.StatusUnprocessableEntity, b, token, v, rep, key, func(p *importPreviewPage) {
		p.ErrorDetail, p.JSONProblems = detail, problems
	})
}
