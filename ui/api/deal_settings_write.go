package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// The deal settings of the pipelines page: the default currency of new
// deals and the reasons a lost deal may give. Anyone reads them (deal
// forms offer them); admins and managers change them, as on the page.

// DealSettingsJSON are the deal settings; lost_reasons are the built-in
// ones, in the caller's language, until managers set their own.
type DealSettingsJSON struct {
	DefaultCurrency string   `json:"default_currency"`
	LostReasons     []string `json:"lost_reasons"`
}

// DealSettingsPatch changes the deal settings; an absent member stays,
// and an empty lost_reasons brings the built-in ones back.
type DealSettingsPatch struct {
	DefaultCurrency *string   `json:"default_currency"`
	LostReasons     *[]string `json:"lost_reasons"`
}

func (s *apiSite) dealSettings(r *http.Request) DealSettingsJSON {
	out := DealSettingsJSON{DefaultCurrency: s.app.DefaultCurrency(r.Context()), LostReasons: s.app.LostReasons(r.Context())}
	if out.LostReasons == nil {
		lang := s.lang(r)
		out.LostReasons = []string{}
		for _, key := range app.BuiltinLostReasons {
			out.LostReasons = append(out.LostReasons, s.catalog.T(lang, key))
		}
	}
	return out
}

func handleAPIDealSettings(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		request.Encode(w, http.StatusOK, s.dealSettings(r))
	})
}

func handleAPIDealSettingsUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in DealSettingsPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaDeals, app.LevelManage, &in); !ok {
			return
		}
		currency, reasons := s.app.DefaultCurrency(r.Context()), s.app.LostReasons(r.Context())
		applyPatch(&currency, in.DefaultCurrency)
		applyPatch(&reasons, in.LostReasons)
		if err := s.app.SetDealSettings(r.Context(), request.CurrentUser(r), currency, reasons); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.dealSettings(r))
	})
}
