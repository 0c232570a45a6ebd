package web

import (
	"net/http"

	"rolo/app"
)

// handleContactsMergeUndo undoes the merges one field-by-field merge
// made (?m= each), together, so the contact kept gets back the fields it
// had before the first of them (see app.UndoMergesTogether).
func handleContactsMergeUndo(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "merge.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		merges, err := s.app.UndoMergesTogether(r.Context(), b.User, r.PostForm["m"])
		if app.ErrorCode(err) == app.EConflict {
			setFlash(w, app.AsError(err).Message)
			redirect(w, r, s.recordPath("quality"))
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "quality.merge_undone")
		if len(merges) == 0 {
			redirect(w, r, s.recordPath("quality"))
			return
		}
		redirect(w, r, s.recordPath("contact.show", "id", merges[0].SurvivorID))
	})
}
