package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

func writeNotFound(w http.ResponseWriter, r *http.Request, s *site) {
	err := &app.Error{Code: app.ENotFound, Message: "error.page_not_found"}
	if request.IsAPI(r) {
		request.WriteProblem(w, r, err, s.catalog)
		return
	}
	s.views.renderError(w, r, s.base(w, r, "error.title"), err)
}

// requireAdminPage refuses the settings pages to everyone whose role may
// not manage settings (by default, everyone but admins). The app checks
// the permission matrix again on every action; this only gives a clear page.
func requireAdminPage(s *site) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if u := request.CurrentUser(r); u == nil || !app.CanDo(u, app.AreaSettings, app.LevelManage) {
				s.views.renderError(w, r, s.base(w, r, "error.title"), &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
