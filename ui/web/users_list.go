package web

import (
	"net/http"
	"time"

	"rolo/app"
)

// usersPage lists accounts with a form to add one.
type usersPage struct {
	Base
	Users []*app.User
	// Locked are the users some address may not log in as for now (too
	// many failed logins from there), with when that ends; a pointer, as a
	// template reads any struct as true.
	Locked map[string]*time.Time
	Roles  []app.Role
	New    app.NewUser
	Errors map[string]string
	// RowError names the user whose action failed, with its catalog key.
	RowUser  string
	RowError string
}

func (s *site) renderUsers(w http.ResponseWriter, r *http.Request, status int, page usersPage) {
	users, err := s.app.Users(r.Context(), page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	locked, err := s.app.LockedLogins(r.Context(), page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Locked = map[string]*time.Time{}
	for id, until := range locked {
		page.Locked[id] = &until
	}
	page.Users, page.Roles = users, app.Roles
	if page.New.Role == "" {
		page.New.Role = app.RoleSales
	}
	s.views.render(w, r, status, "users", page.Lang, page)
}

// handleUsersList shows the users page (admins).
func handleUsersList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderUsers(w, r, http.StatusOK, usersPage{Base: s.base(w, r, "users.title")})
	})
}
