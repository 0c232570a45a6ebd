package web

import "net/http"

// handleTagDelete removes a tag from every record and deletes it.
func handleTagDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changeTag(s, w, r, func(b Base, id string) error {
			return s.app.DeleteTag(r.Context(), b.User, id)
		}, "tags.deleted")
	})
}
