package web

import (
	"net/http"
	"net/url"

	"rolo/app"
)

// bulkChangeOf reads the bulk form: action names the change, and tag,
// owner_id or status its value. An unknown action is an empty change,
// which the app refuses with a message.
func bulkChangeOf(form url.Values) app.BulkChange {
	switch form.Get("action") {
	case "add_tag":
		return app.BulkChange{AddTag: form.Get("tag")}
	case "remove_tag":
		return app.BulkChange{RemoveTag: form.Get("tag")}
	case "set_owner":
		owner := form.Get("owner_id")
		return app.BulkChange{OwnerID: &owner}
	case "set_status":
		return app.BulkChange{Status: form.Get("status")}
	case "delete":
		return app.BulkChange{Trash: true}
	}
	return app.BulkChange{}
}

// handleContactsBulk applies one change to the contacts ticked in the
// list, then returns to the same list page with its filters.
func handleContactsBulk(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		// Only the list's own parameters travel back, re-encoded, so the
		// redirect can only ever lead to the contact list.
		back := readBackFilter(r.PostForm)
		to := recordListURL(s.recordPath("contacts"), back, back.Cursor)

		ids := r.PostForm["ids"]
		var err error
		if r.PostForm.Get("scope") == "segment" && back.Segment != "" {
			// every contact of the segment, not only the ticked ones
			ids, err = s.app.SegmentRecordIDs(r.Context(), b.User, back.Segment)
		}
		if err == nil {
			_, err = s.app.BulkUpdateContacts(r.Context(), b.User, ids, bulkChangeOf(r.PostForm))
		}
		switch {
		case err == nil:
		case app.ErrorCode(err) == app.EInvalid || app.ErrorCode(err) == app.ENotFound:
			// Nothing changed (the change is one transaction); say why on the list.
			e := app.AsError(err)
			key := e.Message
			if problem := listProblem(err); problem != "" {
				key = problem
			}
			setFlash(w, key)
			redirect(w, r, to)
			return
		default:
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "contacts.bulk_done")
		redirect(w, r, to)
	})
}
