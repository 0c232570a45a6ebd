package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// changeUser runs one admin action on the user named in the path and
// returns to the users page, showing a problem beside that user's row.
func changeUser(s *site, w http.ResponseWriter, r *http.Request, action func(b Base, id string) error, done string) {
	b := s.base(w, r, "users.title")
	if err := parseForm(w, r); err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	id := mux.Vars(r)["id"]
	err := action(b, id)
	if err != nil {
		e := app.AsError(err)
		if e.Code == app.EInvalid || e.Code == app.EConflict {
			key := e.Message
			for _, fieldKey := range e.Fields {
				key = fieldKey
			}
			s.renderUsers(w, r, request.StatusOf(e.Code), usersPage{Base: b, RowUser: id, RowError: key})
			return
		}
		s.views.renderError(w, r, b, err)
		return
	}
	setFlash(w, done)
	redirect(w, r, "/settings/users")
}

// handleUserRole changes a user's role (form field role).
func handleUserRole(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changeUser(s, w, r, func(b Base, id string) error {
			_, err := s.app.SetRole(r.Context(), b.User, id, app.Role(r.PostForm.Get("role")))
			return err
		}, "users.role_changed")
	})
}

// handleUserDisable disables or re-enables a user.
func handleUserDisable(s *site, disable bool) http.Handler {
	done := "users.enabled"
	if disable {
		done = "users.disabled"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changeUser(s, w, r, func(b Base, id string) error {
			_, err := s.app.SetDisabled(r.Context(), b.User, id, disable)
			return err
		}, done)
	})
}

// handleUserPassword sets a new password for a user (form field password).
func handleUserPassword(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changeUser(s, w, r, func(b Base, id string) error {
			return s.app.ResetPassword(r.Context(), b.User, id, r.PostForm.Get("password"))
		}, "users.password_reset")
	})
}

// handleUserUnlock lets a user whose account is locked after failed logins
// (from some address) log in again at once.
func handleUserUnlock(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changeUser(s, w, r, func(b Base, id string) error {
			return s.app.UnlockLogin(r.Context(), b.User, id)
		}, "users.unlocked")
	})
}
