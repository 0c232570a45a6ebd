package web

import (
	"net/http"

	"rolo/app"
)

// emailPage is the Log email page: drop or choose .eml files, or import a
// mailbox (an mbox, or a folder of .eml files), with what the last
// import did.
type emailPage struct {
	Base
	LoggingOn bool
	CanLog    bool // may log activities
	CanImport bool // may import
	Report    *app.EmailReport
	DryRun    bool
	Drop      recordTimeline // the drop form's data: no record, back to this page
}

func (s *site) renderEmailPage(w http.ResponseWriter, r *http.Request, status int, page emailPage) {
	page.LoggingOn = s.app.EmailLoggingOn(r.Context())
	page.CanLog = s.app.Can(page.User, app.AreaActivities, app.LevelCreate)
	page.CanImport = s.app.Can(page.User, app.AreaImports, app.LevelCreate) && page.CanLog
	page.Drop = recordTimeline{Return: s.recordPath("email.new"), CanWrite: page.CanLog}
	if page.LoggingOn && page.CanLog {
		page.Drop.Drop = &emailDropView{}
	}
	s.views.render(w, r, status, "email_new", page.Lang, page)
}

// handleEmailNew shows the Log email page.
func handleEmailNew(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderEmailPage(w, r, http.StatusOK, emailPage{Base: s.base(w, r, "email.title")})
	})
}
