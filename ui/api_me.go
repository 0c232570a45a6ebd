package ui

import (
	"net/http"
	"time"
)

// meResponse is the logged-in user as the API shows it.
type meResponse struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Language  string    `json:"language"`
	CreatedAt time.Time `json:"created_at"`
}

// handleAPIMe answers GET /api/v1/me: who the caller is logged in as.
func handleAPIMe() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := currentUser(r)
		encode(w, http.StatusOK, meResponse{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), Language: u.Language, CreatedAt: u.CreatedAt})
	})
}
