package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// Users as the users page manages them: list, add, change role, disable
// or enable, reset a password, unlock after failed logins. Admins only,
// as on the page; the app checks again. No answer carries a password or
// its hash.

// UserJSON is an account as admins see it.
type UserJSON struct {
	ID          string     `json:"id"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	Role        string     `json:"role"`
	Language    string     `json:"language"`  // "" follows the browser
	TimeZone    string     `json:"time_zone"` // "" follows the server
	Disabled    bool       `json:"disabled"`
	LastLoginAt *time.Time `json:"last_login_at"`
	CreatedAt   time.Time  `json:"created_at"`
}

// UserInput adds an account.
type UserInput struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Role     string `json:"role"`
	Password string `json:"password"`
}

// UserPatch changes an account's role or switches it off or on; the last
// active admin keeps both (409).
type UserPatch struct {
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
}

// PasswordInput is the new password an admin sets for someone.
type PasswordInput struct {
	Password string `json:"password"`
}

func userJSON(u *app.User) UserJSON {
	out := UserJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), Language: u.Language, TimeZone: u.TimeZone,
		Disabled: u.Disabled, CreatedAt: u.CreatedAt.UTC()}
	if !u.LastLoginAt.IsZero() {
		t := u.LastLoginAt.UTC()
		out.LastLoginAt = &t
	}
	return out
}

// userOf finds the account id among every account (admins only).
func (s *apiSite) userOf(r *http.Request, id string) (*app.User, error) {
	users, err := s.app.Users(r.Context(), request.CurrentUser(r))
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.ID == id {
			return u, nil
		}
	}
	return nil, &app.Error{Code: app.ENotFound, Message: "error.user_not_found"}
}

func handleAPIUsers(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		users, err := s.app.Users(r.Context(), request.CurrentUser(r))
		out := listJSON[UserJSON]{Data: []UserJSON{}}
		for _, u := range users {
			out.Data = append(out.Data, userJSON(u))
		}
		answer(w, r, s, http.StatusOK, out, err)
	})
}

func handleAPIUserCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in UserInput
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		u, err := s.app.CreateUser(r.Context(), request.CurrentUser(r), app.NewUser{Name: in.Name, Email: in.Email, Role: app.Role(in.Role), Password: in.Password})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.Header().Set("Location", s.path("api.user", "id", u.ID))
		request.Encode(w, http.StatusCreated, userJSON(u))
	})
}

func handleAPIUser(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.userOf(r, mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, userJSON(u))
	})
}

// handleAPIUserUpdate changes the role first, then the switch, as the
// page's two forms would.
func handleAPIUserUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in UserPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		user, id := request.CurrentUser(r), mux.Vars(r)["id"]
		var err error
		if in.Role != nil {
			_, err = s.app.SetRole(r.Context(), user, id, app.Role(*in.Role))
		}
		if err == nil && in.Disabled != nil {
			_, err = s.app.SetDisabled(r.Context(), user, id, *in.Disabled)
		}
		var u *app.User
		if err == nil {
			u, err = s.userOf(r, id)
		}
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, userJSON(u))
	})
}

// handleAPIUserPassword sets someone's password and ends their sessions.
func handleAPIUserPassword(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in PasswordInput
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		noContent(w, r, s, s.app.ResetPassword(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], in.Password))
	})
}

// handleAPIUserUnlock lets an account locked by failed logins try again.
func handleAPIUserUnlock(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		noContent(w, r, s, s.app.UnlockLogin(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]))
	})
}
