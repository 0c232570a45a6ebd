package web

import "net/http"

// handleTagMerge moves every record of a tag onto another (form field
// into) and deletes the first.
func handleTagMerge(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changeTag(s, w, r, func(b Base, id string) error {
			return s.app.MergeTags(r.Context(), b.User, id, r.PostForm.Get("into"))
		}, "tags.merged")
	})
}
