package api

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Tags as the tags page changes them: rename and recolour, merge one into
// another, delete. Anyone who may edit contacts may rename and merge,
// anyone who may delete them may delete a tag; the app checks again.

// TagPatch renames or recolours a tag at the version last read; an
// absent member stays.
type TagPatch struct {
	Version *int    `json:"version"`
	Name    *string `json:"name"`
	Color   *string `json:"color"` // #rrggbb
}

// TagMergeInput moves every record of one tag onto another and deletes
// the first. Each is a tag's id or its name.
type TagMergeInput struct {
	From string `json:"from"`
	Into string `json:"into"`
}

// tagOf finds the tag a path or body names, by id or by name (tags are
// case-insensitive), with its counts.
func (s *apiSite) tagOf(r *http.Request, ref string) (TagJSON, error) {
	tags, err := s.app.Tags(r.Context(), request.CurrentUser(r))
	if err != nil {
		return TagJSON{}, err
	}
	for _, t := range tags {
		if t.ID == ref {
			return TagJSON{ID: t.ID, Name: t.Name, Color: t.Color, Contacts: t.Contacts, Companies: t.Companies, Version: t.Version}, nil
		}
	}
	for _, t := range tags {
		if strings.EqualFold(t.Name, ref) {
			return TagJSON{ID: t.ID, Name: t.Name, Color: t.Color, Contacts: t.Contacts, Companies: t.Companies, Version: t.Version}, nil
		}
	}
	return TagJSON{}, &app.Error{Code: app.ENotFound, Message: "error.tag_not_found"}
}

// handleAPITag shows one tag, by id or name, with its version.
func handleAPITag(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.tagOf(r, mux.Vars(r)["id"])
		answer(w, r, s, http.StatusOK, t, err)
	})
}

func handleAPITagUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in TagPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaContacts, app.LevelEdit, &in); !ok {
			return
		}
		version, ok := versionOf(w, r, s, in.Version)
		if !ok {
			return
		}
		t, err := s.tagOf(r, mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if _, err := s.app.PatchTag(r.Context(), request.CurrentUser(r), t.ID, version, in.Name, in.Color); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		t, err = s.tagOf(r, t.ID)
		answer(w, r, s, http.StatusOK, t, err)
	})
}

// handleAPITagMerge answers with the tag that remains.
func handleAPITagMerge(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in TagMergeInput
		if _, ok := readSettingsBody(w, r, s, app.AreaContacts, app.LevelEdit, &in); !ok {
			return
		}
		from, err := s.tagOf(r, in.From)
		if err != nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"from": "error.tag_not_found"}))
			return
		}
		into, err := s.tagOf(r, in.Into)
		if err != nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"into": "error.tag_not_found"}))
			return
		}
		if err := s.app.MergeTags(r.Context(), request.CurrentUser(r), from.ID, into.ID); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		into, err = s.tagOf(r, into.ID)
		answer(w, r, s, http.StatusOK, into, err)
	})
}

func handleAPITagDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaContacts, app.LevelDelete) {
			return
		}
		t, err := s.tagOf(r, mux.Vars(r)["id"])
		if err == nil {
			err = s.app.DeleteTag(r.Context(), request.CurrentUser(r), t.ID)
		}
		noContent(w, r, s, err)
	})
}
