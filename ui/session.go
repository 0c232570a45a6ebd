package ui

import (
	"log/slog"
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// withSession attaches the session named by the cookie, if any, to the
// request; it refuses nothing, requireUser does.
func withSession(a *app.App) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cookie, err := r.Cookie(request.SessionCookie)
			if err == nil && cookie.Value != "" {
				s, err := a.Authenticate(r.Context(), cookie.Value)
				switch {
				case err == nil:
					r = r.WithContext(request.WithSessionValue(r.Context(), s))
				case app.ErrorCode(err) == app.EUnauthorized:
					request.ClearSessionCookie(w)
				case request.ClientGone(r, err):
					request.AnswerClientGone(w, r, err)
					return
				default:
					slog.Error("session lookup failed", "err", err)
					refuse(w, r, http.StatusInternalServerError, "internal", "error.internal")
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// withRequestMemo gives each request its own memo of the database's change
// counts, so that the session and everything the page keeps between
// requests cost one small read between them.
func withRequestMemo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(app.WithRequestMemo(r.Context())))
	})
}
