package web

import (
	"net/http"
	"strconv"
	"strings"

	"rolo/app"
)

// emailSettingsPage is Profile → Email: the IMAP account Rolo watches for
// the user, how its last check went, and (for admins) whether the
// instance logs email at all.
type emailSettingsPage struct {
	Base
	Account    app.EmailAccount
	HasAccount bool
	Folders    string // one per line, as the form shows them
	Securities []string
	LoggingOn  bool
	Errors     map[string]string
}

func (s *site) renderEmailSettings(w http.ResponseWriter, r *http.Request, status int, page emailSettingsPage) {
	page.Securities, page.LoggingOn = app.EmailSecurities, s.app.EmailLoggingOn(r.Context())
	if page.Errors == nil {
		acc, ok, err := s.app.EmailAccountOf(r.Context(), page.User)
		if err != nil {
			s.views.renderError(w, r, page.Base, err)
			return
		}
		page.Account, page.HasAccount = acc, ok
		if !ok {
			page.Account = app.EmailAccount{Security: "tls", Port: 993, Enabled: true, Username: page.User.Email, Folders: []string{"INBOX"}}
		}
		page.Folders = strings.Join(page.Account.Folders, "\n")
	}
	s.views.render(w, r, status, "profile_email", page.Lang, page)
}

// handleEmailSettings shows Profile → Email.
func handleEmailSettings(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderEmailSettings(w, r, http.StatusOK, emailSettingsPage{Base: s.base(w, r, "email.settings_title")})
	})
}

// handleEmailAccountSave saves the IMAP account; an empty password keeps
// the stored one, which is never sent back to the browser.
func handleEmailAccountSave(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "email.settings_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		f := r.PostForm
		port, _ := strconv.Atoi(strings.TrimSpace(f.Get("port")))
		folders := strings.FieldsFunc(f.Get("folders"), func(c rune) bool { return c == '\n' || c == '\r' || c == ',' })
		in := app.EmailAccountInput{Host: f.Get("host"), Port: port, Security: f.Get("security"), Username: f.Get("username"),
			Password: f.Get("password"), Folders: folders, Enabled: f.Get("enabled") == "1"}
		_, err := s.app.SaveEmailAccount(r.Context(), b.User, in)
		if fields := fieldErrors(err); fields != nil {
			page := emailSettingsPage{Base: b, Errors: fields, Folders: f.Get("folders"),
				Account: app.EmailAccount{Host: in.Host, Port: port, Security: in.Security, Username: in.Username, Enabled: in.Enabled}}
			_, page.HasAccount, _ = s.app.EmailAccountOf(r.Context(), b.User)
			s.renderEmailSettings(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "email.account_saved")
		redirect(w, r, s.recordPath("profile.email"))
	})
}

// handleEmailAccountCheck checks the account now and shows how it went.
func handleEmailAccountCheck(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "email.settings_title")
		acc, err := s.app.CheckEmailNow(r.Context(), b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if acc.LastError != "" {
			setFlash(w, "email.check_failed")
		} else {
			setFlash(w, "email.check_ok")
		}
		redirect(w, r, s.recordPath("profile.email"))
	})
}

// handleEmailAccountDelete stops watching the account and forgets it.
func handleEmailAccountDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "email.settings_title")
		if err := s.app.DeleteEmailAccount(r.Context(), b.User); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "email.account_deleted")
		redirect(w, r, s.recordPath("profile.email"))
	})
}

// handleEmailLogging turns email logging on or off for the instance (admins).
func handleEmailLogging(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "email.settings_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		value := r.PostForm.Get("email_logging")
		if value != "on" && value != "off" {
			s.views.renderError(w, r, b, &app.Error{Code: app.EInvalid, Message: "error.form_unreadable"})
			return
		}
		on := value == "on"
		if err := s.app.SetEmailLogging(r.Context(), b.User, on); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, map[bool]string{true: "email.logging_turned_on", false: "email.logging_turned_off"}[on])
		redirect(w, r, returnPath(r.PostForm.Get("return"), s.recordPath("profile.email")))
	})
}
