package api

import (
	"net/http"
	"strconv"

	"rolo/ui/request"
)

func handleAPISearch(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := 0
		if v := r.URL.Query().Get("limit"); v != "" {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				limit = n
			} else {
				limit = -1 // the app reports it
			}
		}
		hits, err := s.app.Search(r.Context(), request.CurrentUser(r), r.URL.Query().Get("q"), limit)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, searchAnswer{request.SearchJSON(hits)})
	})
}
