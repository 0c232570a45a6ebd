package web

import (
	"net/http"
	"strconv"
)

// handleTrashEmpty deletes everything in the trash for good (admins). The
// count travels in the address, since a flash carries only a catalog key.
func handleTrashEmpty(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "trash.title")
		n, err := s.app.EmptyTrash(r.Context(), b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		redirect(w, r, "/trash?emptied="+strconv.Itoa(n))
	})
}
