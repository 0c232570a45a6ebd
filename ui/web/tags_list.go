package web

import (
	"net/http"

	"rolo/app"
)

// tagsPage lists every tag with forms to rename, recolour, merge and
// delete it.
type tagsPage struct {
	Base
	Tags    []app.TagCount
	CanEdit bool
	// Row names the tag whose change failed; RowName and RowColor keep
	// what was typed, RowErrors holds field → catalog key.
	Row       string
	RowName   string
	RowColor  string
	RowErrors map[string]string
}

func (s *site) renderTags(w http.ResponseWriter, r *http.Request, status int, page tagsPage) {
	tags, err := s.app.Tags(r.Context(), page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Tags, page.CanEdit = tags, app.CanWriteRecords(page.User)
	s.views.render(w, r, status, "tags", page.Lang, page)
}

// handleTagsList shows the tags page.
func handleTagsList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderTags(w, r, http.StatusOK, tagsPage{Base: s.base(w, r, "tags.title")})
	})
}
