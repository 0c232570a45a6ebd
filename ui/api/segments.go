package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// SegmentJSON is a saved filter as the API shows it, with how many live
// records it matches now.
type SegmentJSON struct {
	ID        string    `json:"id"`
	Entity    string    `json:"entity"`
	Name      string    `json:"name"`
	Query     string    `json:"query"`
	Shared    bool      `json:"shared"`
	OwnerID   *string   `json:"owner_id"`
	Count     int       `json:"count"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int       `json:"version"` // a PATCH may send it back: a change made since answers 409
}

func (s *apiSite) segmentJSON(r *http.Request, seg app.Segment) SegmentJSON {
	n, _ := s.app.SegmentCount(r.Context(), request.CurrentUser(r), seg) // a query that no longer compiles counts 0
	return SegmentJSON{ID: seg.ID, Entity: seg.Entity, Name: seg.Name, Query: seg.Query, Shared: seg.Shared,
		OwnerID: nullable(seg.OwnerID), Count: n, CreatedAt: seg.CreatedAt.UTC(), UpdatedAt: seg.UpdatedAt.UTC(), Version: seg.Version}
}

type segmentBody struct {
	Entity  string `json:"entity"`
	Name    string `json:"name"`
	Query   string `json:"query"`
	Shared  bool   `json:"shared"`
	Version *int   `json:"version"` // PATCH: the version read, checked when sent
}

func (b segmentBody) input() app.SegmentInput {
	return app.SegmentInput{Entity: b.Entity, Name: b.Name, Query: b.Query, Shared: b.Shared}
}

func handleAPISegments(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		segs, err := s.app.Segments(r.Context(), request.CurrentUser(r), r.URL.Query().Get("entity"))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []SegmentJSON{}
		for _, seg := range segs {
			out = append(out, s.segmentJSON(r, seg))
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}

func handleAPISegmentCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body segmentBody
		if _, err := decodeBody(w, r, &body); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		seg, err := s.app.CreateSegment(r.Context(), request.CurrentUser(r), body.input())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusCreated, s.segmentJSON(r, seg))
	})
}

func handleAPISegment(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seg, err := s.app.Segment(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.segmentJSON(r, seg))
	})
}

// handleAPISegmentUpdate merge-patches name, query and shared.
func handleAPISegmentUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		seg, err := s.app.Segment(r.Context(), user, mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		body := segmentBody{Entity: seg.Entity, Name: seg.Name, Query: seg.Query, Shared: seg.Shared}
		if _, err := decodeBody(w, r, &body); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		body.Entity = seg.Entity
		seg, err = s.app.PatchSegment(r.Context(), user, seg.ID, body.Version, body.input())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.segmentJSON(r, seg))
	})
}

func handleAPISegmentDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.DeleteSegment(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
