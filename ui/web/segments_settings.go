package web

import (
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// segmentsPage lists the segments a user sees, with their counts.
type segmentsPage struct {
	Base
	Segments []segmentView
}

type segmentView struct {
	app.Segment
	Count   int
	ListURL string
	Mine    bool
	CanEdit bool // rename, change the filter (segment_edit.go)
}

var segmentLists = map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}

// segmentListURL opens the segment on its list page. A deal list shows
// open deals unless told otherwise, so a deal segment opens on every
// outcome: the deals its count counts.
func (s *site) segmentListURL(seg app.Segment) string {
	v := url.Values{"segment": {seg.ID}}
	if seg.Entity == "deal" {
		v.Set("status", "all")
	}
	return s.recordPath(segmentLists[seg.Entity]) + "?" + v.Encode()
}

// handleSegments shows every segment the user sees.
func handleSegments(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "segments.title")
		segs, err := s.app.Segments(r.Context(), b.User, "")
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := segmentsPage{Base: b}
		for _, seg := range segs {
			n, _ := s.app.SegmentCount(r.Context(), b.User, seg)
			page.Segments = append(page.Segments, segmentView{Segment: seg, Count: n, ListURL: s.segmentListURL(seg), Mine: seg.OwnerID == b.User.ID,
				CanEdit: canChangeSegment(b.User, seg)})
		}
		s.views.render(w, r, http.StatusOK, "segments", b.Lang, page)
	})
}

// handleSegmentCreate saves a list's query as a segment and opens it.
func handleSegmentCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "segments.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		seg, err := s.app.CreateSegment(r.Context(), b.User, app.SegmentInput{Entity: r.PostForm.Get("entity"),
			Name: r.PostForm.Get("name"), Query: r.PostForm.Get("query"), Shared: r.PostForm.Get("shared") != ""})
		if err != nil {
			if fields := fieldErrors(err); fields != nil {
				setFlash(w, listProblem(err))
				redirect(w, r, s.recordPath("segments"))
				return
			}
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "segments.saved")
		redirect(w, r, s.segmentListURL(seg))
	})
}

// handleSegmentDelete removes a segment.
func handleSegmentDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "segments.title")
		if err := s.app.DeleteSegment(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "segments.deleted")
		redirect(w, r, s.recordPath("segments"))
	})
}

// handleSegmentCount answers how many records a segment matches for the
// user, as JSON, for the segment links on list pages.
func handleSegmentCount(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		seg, err := s.app.Segment(r.Context(), user, mux.Vars(r)["id"])
		n := 0
		if err == nil {
			n, err = s.app.SegmentCount(r.Context(), user, seg)
		}
		if err != nil {
			request.WriteProblem(w, r, err, s.catalog)
			return
		}
		request.Encode(w, http.StatusOK, recordCount{Total: n, Text: s.catalog.T(s.catalog.Language(r, user), "segments.count_n", n)})
	})
}
