package web

import (
	"net/http"

	"rolo/app"
)

// handleUserCreate adds an account from the users page.
func handleUserCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "users.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		in := app.NewUser{Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"), Role: app.Role(r.PostForm.Get("role")), Password: r.PostForm.Get("password")}
		_, err := s.app.CreateUser(r.Context(), b.User, in)
		if fields := fieldErrors(err); fields != nil {
			in.Password = ""
			s.renderUsers(w, r, http.StatusUnprocessableEntity, usersPage{Base: b, New: in, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "users.created")
		redirect(w, r, "/settings/users")
	})
}
