package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// segmentEditPage renames a segment and edits its filter and sharing.
type segmentEditPage struct {
	Base
	Segment  app.Segment
	Name     string // as typed
	Query    string
	Shared   bool
	Version  int
	CanShare bool
	Count    int
	Errors   map[string]string
	Problem  string // a conflict: changed by someone else meanwhile
}

// canChangeSegment mirrors the app's rule, to offer Edit only to those
// the app lets change the segment: its owner, or for a shared one those
// who manage automation.
func canChangeSegment(u *app.User, seg app.Segment) bool {
	return seg.OwnerID == u.ID || (seg.Shared && app.CanDo(u, app.AreaAutomation, app.LevelManage))
}

// handleSegmentEdit shows the segment's form.
func handleSegmentEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "segments.title")
		seg, err := s.app.Segment(r.Context(), b.User, mux.Vars(r)["id"])
		if err == nil && !canChangeSegment(b.User, seg) {
			err = &app.Error{Code: app.EForbidden, Message: "error.forbidden"}
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := segmentEditPage{Base: b, Segment: seg, Name: seg.Name, Query: seg.Query, Shared: seg.Shared, Version: seg.Version}
		s.renderSegmentEdit(w, r, http.StatusOK, page)
	})
}

// handleSegmentUpdate saves the segment's new name, filter and sharing,
// and opens its list; a filter that does not parse comes back with why.
func handleSegmentUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "segments.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		seg, err := s.app.Segment(r.Context(), b.User, id)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		f := r.PostForm
		page := segmentEditPage{Base: b, Segment: seg, Name: f.Get("name"), Query: f.Get("query"), Shared: f.Get("shared") != ""}
		page.Version, _ = strconv.Atoi(f.Get("version"))
		version := &page.Version
		if f.Get("version") == "" {
			version = nil
		}
		saved, err := s.app.PatchSegment(r.Context(), b.User, id, version,
			app.SegmentInput{Entity: seg.Entity, Name: page.Name, Query: page.Query, Shared: page.Shared})
		if fields := fieldErrors(err); fields != nil {
			page.Errors = fields
			s.renderSegmentEdit(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if app.ErrorCode(err) == app.EConflict {
			page.Problem = app.AsError(err).Message
			page.Version = seg.Version // saving again overwrites what changed meanwhile, knowingly
			s.renderSegmentEdit(w, r, http.StatusConflict, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "segments.saved")
		redirect(w, r, s.segmentListURL(saved))
	})
}

func (s *site) renderSegmentEdit(w http.ResponseWriter, r *http.Request, status int, page segmentEditPage) {
	page.CanShare = app.CanDo(page.User, app.AreaAutomation, app.LevelCreate)
	page.Count, _ = s.app.SegmentCount(r.Context(), page.User, page.Segment)
	s.views.render(w, r, status, "segment_edit", page.Lang, page)
}
