package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// Field protection, on the roles page: a custom field hidden from chosen
// roles or read-only for them. Admins only, as on the page; admins are
// never limited.

// FieldProtectionJSON maps each protected custom field's id to the
// roles it limits and how: hidden or read_only.
type FieldProtectionJSON map[string]map[string]string

func (s *apiSite) fieldProtection(r *http.Request) (FieldProtectionJSON, error) {
	m, err := s.app.FieldProtections(r.Context())
	out := FieldProtectionJSON{}
	for field, roles := range m {
		out[field] = map[string]string{}
		for role, mode := range roles {
			out[field][role] = mode
		}
	}
	return out, err
}

func handleAPIFieldProtection(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		out, err := s.fieldProtection(r)
		answer(w, r, s, http.StatusOK, out, err)
	})
}

// handleAPIFieldProtectionUpdate sets the cells sent: "hidden",
// "read_only", or "" for no limit; an unknown field answers 404.
func handleAPIFieldProtectionUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in FieldProtectionJSON
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		// Every cell is checked before any is saved, so a refused one
		// changes nothing; the app checks each again.
		problems := map[string]string{}
		for field, roles := range in {
			if _, err := s.app.CustomField(r.Context(), field); err != nil {
				writeAPIError(w, r, s, err)
				return
			}
			for role, mode := range roles {
				if !app.Role(role).Valid() || app.Role(role) == app.RoleAdmin || (mode != "" && mode != app.FieldHidden && mode != app.FieldReadOnly) {
					problems[field+"."+role] = "error.permission_invalid"
				}
			}
		}
		if len(problems) > 0 {
			writeAPIError(w, r, s, app.Invalid(problems))
			return
		}
		for field, roles := range in {
			for role, mode := range roles {
				if err := s.app.SetFieldProtection(r.Context(), request.CurrentUser(r), field, app.Role(role), mode); err != nil {
					writeAPIError(w, r, s, err)
					return
				}
			}
		}
		out, err := s.fieldProtection(r)
		answer(w, r, s, http.StatusOK, out, err)
	})
}
