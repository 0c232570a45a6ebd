package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// The instance's settings spread over the settings pages: how long the
// trash and audit details are kept, the region phone numbers are read in,
// whether email is logged, and whether webhooks may reach private
// addresses. Admins only, as on the pages.

// SettingsJSON are the instance's settings.
type SettingsJSON struct {
	RetentionDays        int    `json:"retention_days"` // 0 keeps everything
	PhoneRegion          string `json:"phone_region"`   // ISO 3166 code numbers without a country code are read in
	EmailLogging         bool   `json:"email_logging"`
	AllowPrivateWebhooks bool   `json:"allow_private_webhooks"`
}

// SettingsPatch changes some settings; absent members stay, and a
// refused one changes none.
type SettingsPatch struct {
	RetentionDays        *int    `json:"retention_days"`
	PhoneRegion          *string `json:"phone_region"`
	EmailLogging         *bool   `json:"email_logging"`
	AllowPrivateWebhooks *bool   `json:"allow_private_webhooks"`
}

func (s *apiSite) settingsJSON(r *http.Request) SettingsJSON {
	ctx := r.Context()
	return SettingsJSON{RetentionDays: s.app.RetentionDays(ctx), PhoneRegion: s.app.PhoneRegion(ctx), EmailLogging: s.app.EmailLoggingOn(ctx),
		AllowPrivateWebhooks: s.app.AllowPrivateWebhooks(ctx)}
}

func handleAPISettings(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		request.Encode(w, http.StatusOK, s.settingsJSON(r))
	})
}

func handleAPISettingsUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in SettingsPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		err := s.app.PatchSettings(r.Context(), request.CurrentUser(r), app.SettingsChange{RetentionDays: in.RetentionDays, PhoneRegion: in.PhoneRegion,
			EmailLogging: in.EmailLogging, AllowPrivateWebhooks: in.AllowPrivateWebhooks})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.settingsJSON(r))
	})
}
