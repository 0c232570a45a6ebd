package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// webhooksPage lists the endpoints with a form for a new one; Secret is set
// only on the answer to creating one, the only time it is shown.
type webhooksPage struct {
	Base
	Webhooks     []app.Webhook
	Events       []string
	AllowPrivate bool
	CanSetting   bool
	Owners       map[string]string // user id → name, for those who see everyone's endpoints
	Secret       string
	New          app.WebhookInput
	Errors       map[string]string
}

func (s *site) renderWebhooks(w http.ResponseWriter, r *http.Request, status int, page webhooksPage) {
	list, err := s.app.Webhooks(r.Context(), page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Webhooks, page.Events = list, app.Events
	page.AllowPrivate = s.app.AllowPrivateWebhooks(r.Context())
	page.CanSetting = app.CanDo(page.User, app.AreaSettings, app.LevelManage)
	if app.CanDo(page.User, app.AreaIntegrations, app.LevelManage) {
		team, err := s.app.Team(r.Context(), page.User)
		if err != nil {
			s.views.renderError(w, r, page.Base, err)
			return
		}
		page.Owners = map[string]string{}
		for _, u := range team {
			page.Owners[u.ID] = u.Name
		}
	}
	if page.Secret != "" {
		w.Header().Set("Cache-Control", "no-store")
	}
	s.views.render(w, r, status, "webhooks", page.Lang, page)
}

// handleWebhooks shows the webhooks page.
func handleWebhooks(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderWebhooks(w, r, http.StatusOK, webhooksPage{Base: s.base(w, r, "webhooks.title")})
	})
}

// handleWebhookCreate subscribes a URL and shows its secret once.
func handleWebhookCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "webhooks.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		in := app.WebhookInput{URL: r.PostForm.Get("url"), Description: r.PostForm.Get("description"), Events: r.PostForm["events"]}
		wh, err := s.app.CreateWebhook(r.Context(), b.User, in)
		if fields := fieldErrors(err); fields != nil {
			s.renderWebhooks(w, r, http.StatusUnprocessableEntity, webhooksPage{Base: b, New: in, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.renderWebhooks(w, r, http.StatusCreated, webhooksPage{Base: b, Secret: wh.Secret})
	})
}

// handleWebhookToggle switches an endpoint on or off.
func handleWebhookToggle(s *site, enabled bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "webhooks.title")
		if err := s.app.SetWebhookEnabled(r.Context(), b.User, mux.Vars(r)["id"], enabled); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "webhooks.saved")
		redirect(w, r, "/settings/webhooks")
	})
}

// handleWebhookDelete removes an endpoint with its log.
func handleWebhookDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "webhooks.title")
		if err := s.app.DeleteWebhook(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "webhooks.deleted")
		redirect(w, r, "/settings/webhooks")
	})
}

// handleWebhookPrivate changes whether webhooks may reach private networks.
func handleWebhookPrivate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "webhooks.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := s.app.SetAllowPrivateWebhooks(r.Context(), b.User, r.PostForm.Get("allow") == "1"); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "webhooks.saved")
		redirect(w, r, "/settings/webhooks")
	})
}

// webhookLogPage is one endpoint's delivery log.
type webhookLogPage struct {
	Base
	Webhook  app.Webhook
	Messages []webhookLogEntry
}

type webhookLogEntry struct {
	app.WebhookMessage
	Deliveries []app.Delivery
}

// handleWebhookLog shows an endpoint's latest messages and every attempt.
func handleWebhookLog(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "webhooks.title")
		wh, err := s.app.Webhook(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		msgs, err := s.app.WebhookMessages(r.Context(), b.User, wh.ID, 50)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := webhookLogPage{Base: b, Webhook: wh}
		for _, m := range msgs {
			log, err := s.app.WebhookDeliveries(r.Context(), b.User, m.ID)
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			page.Messages = append(page.Messages, webhookLogEntry{WebhookMessage: m, Deliveries: log})
		}
		s.views.render(w, r, http.StatusOK, "webhook_log", b.Lang, page)
	})
}

// handleWebhookResend puts a message back in the outbox.
func handleWebhookResend(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "webhooks.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := s.app.ResendWebhookMessage(r.Context(), b.User, r.PostForm.Get("message")); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "webhooks.resent")
		redirect(w, r, "/settings/webhooks/"+mux.Vars(r)["id"])
	})
}
