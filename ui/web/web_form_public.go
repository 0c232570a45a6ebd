package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// maxFormSubmission bounds a public form post: a handful of short fields.
const maxFormSubmission = 16 << 10

// publicFormPage is a web form as visitors see it (the iframe option) and
// its thank-you answer.
type publicFormPage struct {
	Base
	Form     app.WebForm
	Inputs   []formInputView
	Honeypot string
	Values   map[string]string
	Errors   map[string]string
	Done     bool
}

// originAllowed tells whether a browser request may use the form: no
// Origin header (a plain form post from an old browser, or a script),
// Rolo's own origin (the iframe page), or an origin the admin listed.
func originAllowed(r *http.Request, f app.WebForm) (string, bool) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return "", true
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if strings.EqualFold(origin, scheme+"://"+r.Host) {
		return origin, true
	}
	return origin, f.AllowsOrigin(origin)
}

// allowFraming lets the form page be framed by the listed origins only.
func allowFraming(w http.ResponseWriter, f app.WebForm) {
	ancestors := "'none'"
	if len(f.OriginList) > 0 {
		ancestors = strings.Join(f.OriginList, " ")
	}
	w.Header().Set("Content-Security-Policy", strings.Replace(ContentSecurityPolicy, "frame-ancestors 'none'", "frame-ancestors "+ancestors, 1))
	w.Header().Del("X-Frame-Options")
}

// handleWebFormShow serves the form as its own page, for the iframe.
func handleWebFormShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "forms.public_title")
		f, err := s.app.WebForm(r.Context(), mux.Vars(r)["id"])
		if err != nil || !f.Enabled {
			writeNotFound(w, r, s)
			return
		}
		allowFraming(w, f)
		s.views.render(w, r, http.StatusOK, "web_form_public", b.Lang, publicFormPage{Base: b, Form: f, Inputs: s.formInputs(f, b.Lang), Honeypot: app.FormHoneypot})
	})
}

// handleWebFormPreflight answers a browser's CORS preflight for a script
// that posts the form with fetch.
func handleWebFormPreflight(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := s.app.WebForm(r.Context(), mux.Vars(r)["id"])
		origin, ok := originAllowed(r, f)
		if err != nil || !ok || origin == "" {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", "POST")
		h.Set("Access-Control-Allow-Headers", "Content-Type, Accept")
		h.Set("Access-Control-Max-Age", "600")
		h.Add("Vary", "Origin")
		w.WriteHeader(http.StatusNoContent)
	})
}

// handleWebFormSubmit takes a public submission. It is the one route
// anybody may post to, so it is guarded here: a size limit, the allowed
// origins, a honeypot field and a rate limit per form and address.
func handleWebFormSubmit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "forms.public_title")
		f, err := s.app.WebForm(r.Context(), mux.Vars(r)["id"])
		if err != nil || !f.Enabled {
			writeNotFound(w, r, s)
			return
		}
		origin, ok := originAllowed(r, f)
		if !ok {
			http.Error(w, request.Translate(r, "error.form_site_refused"), http.StatusForbidden)
			return
		}
		if origin != "" {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			// A script on the site may read when to come back after a 429.
			w.Header().Set("Access-Control-Expose-Headers", "Retry-After")
			w.Header().Add("Vary", "Origin")
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormSubmission)
		if err := r.ParseForm(); err != nil {
			http.Error(w, request.Translate(r, "error.form_unreadable"), http.StatusRequestEntityTooLarge)
			return
		}
		inputs := s.formInputs(f, b.Lang)
		values := submittedValues(inputs, r.PostForm)
		wantsJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
		_, err = s.app.SubmitForm(r.Context(), f.ID, app.Submission{Values: values, Client: request.ClientAddr(r)})
		var e *app.Error
		switch {
		case err == nil:
		case wantsJSON:
			request.WriteProblem(w, r, err, s.catalog)
			return
		case errors.As(err, &e) && e.Code == app.EInvalid:
			allowFraming(w, f)
			s.views.render(w, r, http.StatusUnprocessableEntity, "web_form_public", b.Lang,
				publicFormPage{Base: b, Form: f, Inputs: inputs, Honeypot: app.FormHoneypot, Values: values, Errors: e.Fields})
			return
		default:
			s.views.renderError(w, r, b, err)
			return
		}
		switch {
		case wantsJSON:
			request.Encode(w, http.StatusOK, map[string]any{"ok": true, "message": f.ThankYou})
		case f.RedirectURL != "":
			http.Redirect(w, r, f.RedirectURL, http.StatusSeeOther)
		default:
			allowFraming(w, f)
			s.views.render(w, r, http.StatusOK, "web_form_public", b.Lang, publicFormPage{Base: b, Form: f, Done: true})
		}
	})
}
