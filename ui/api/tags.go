package api

import (
	"net/http"

	"rolo/ui/request"
)

// TagJSON is a tag with how many live contacts and companies carry it.
type TagJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Color     string `json:"color"`
	Contacts  int    `json:"contacts"`
	Companies int    `json:"companies"`
	Version   int    `json:"version"` // what a PATCH sends back
}

// handleAPITagList answers GET /api/v1/tags: every tag, by name. Tags are
// few, so there is no paging.
func handleAPITagList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tags, err := s.app.Tags(r.Context(), request.CurrentUser(r))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		data := make([]TagJSON, 0, len(tags))
		for _, t := range tags {
			data = append(data, TagJSON{ID: t.ID, Name: t.Name, Color: t.Color, Contacts: t.Contacts, Companies: t.Companies, Version: t.Version})
		}
		request.Encode(w, http.StatusOK, struct {
			Data []TagJSON `json:"data"`
		}{data})
	})
}
