package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// changeTag runs one action on the tag named in the path and returns to the
// tags page, showing a problem beside that tag's row.
func changeTag(s *site, w http.ResponseWriter, r *http.Request, action func(b Base, id string) error, done string) {
	b := s.base(w, r, "tags.title")
	if err := parseForm(w, r); err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	id := mux.Vars(r)["id"]
	if err := action(b, id); err != nil {
		if fields := fieldErrors(err); fields != nil {
			s.renderTags(w, r, http.StatusUnprocessableEntity, tagsPage{Base: b, Row: id,
				RowName: r.PostForm.Get("name"), RowColor: r.PostForm.Get("color"), RowErrors: fields})
			return
		}
		s.views.renderError(w, r, b, err)
		return
	}
	setFlash(w, done)
	redirect(w, r, "/settings/tags")
}

// handleTagUpdate renames and recolours a tag (form fields name, color).
func handleTagUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changeTag(s, w, r, func(b Base, id string) error {
			_, err := s.app.UpdateTag(r.Context(), b.User, id, r.PostForm.Get("name"), r.PostForm.Get("color"))
			return err
		}, "tags.saved")
	})
}
