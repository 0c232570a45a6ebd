package web

import (
	"encoding/json"
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// pickSuggestion is one suggestion of GET /pick.
type pickSuggestion struct {
	Value  string `json:"value"`
	Label  string `json:"label"`
	Detail string `json:"detail"`
	Kind   string `json:"kind"`
	// KindLabel names the kind in the reader's language, for pickers of
	// any record.
	KindLabel string `json:"kind_label"`
}

// pickKinds are the kinds a picker may ask for; "" is any record.
var pickKinds = map[string]bool{"": true, "contact": true, "company": true, "deal": true}

// handlePick answers GET /pick?kind=contact&q=lima with the records a
// picker suggests, best first: the signed-in user's search of the index
// (app.SearchRecords checks the role and the visibility), as JSON. Values
// are ids, or kind:id when no kind is asked for.
func handlePick(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Not s.base: that takes the flash, which belongs to the next page.
		user := request.CurrentUser(r)
		lang := s.catalog.Language(r, user)
		kind, q := r.URL.Query().Get("kind"), r.URL.Query().Get("q")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if !pickKinds[kind] {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"data":[]}`))
			return
		}
		hits, err := s.app.SearchRecords(r.Context(), user, kind, q, pickerMatches)
		if err != nil {
			status := http.StatusInternalServerError
			switch app.ErrorCode(err) {
			case app.EForbidden:
				status = http.StatusForbidden
			case app.EInvalid:
				status = http.StatusUnprocessableEntity
			}
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"data":[]}`))
			return
		}
		out := make([]pickSuggestion, 0, len(hits))
		for _, h := range hits {
			sug := pickSuggestion{Value: h.Ref, Label: h.Title, Detail: h.Subtitle, Kind: h.Kind,
				KindLabel: s.catalog.T(lang, "links.kind."+h.Kind)}
			if kind == "" {
				sug.Value = h.Kind + ":" + h.Ref
			}
			out = append(out, sug)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"data": out})
	})
}
