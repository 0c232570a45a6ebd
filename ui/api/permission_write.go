package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// The permission matrix of the roles page: each role's level in each
// area (none, view, create, edit, delete, manage) and whether it sees
// every record or only its own. Admins only, as on the page; the admin
// role keeps every right.

// PermissionsJSON is the whole matrix.
type PermissionsJSON struct {
	Levels  map[string]map[string]string `json:"levels"`  // role → area → level
	Visible map[string]string            `json:"visible"` // role → all or own
}

// PermissionsPatch changes some cells; those not sent keep their value.
type PermissionsPatch struct {
	Levels  map[string]map[string]string `json:"levels"`
	Visible map[string]string            `json:"visible"`
}

func (s *apiSite) permissionsJSON() PermissionsJSON {
	p := s.app.Permissions()
	out := PermissionsJSON{Levels: map[string]map[string]string{}, Visible: map[string]string{}}
	for _, role := range app.Roles {
		row := map[string]string{}
		for _, area := range app.Areas {
			row[string(area)] = p.Level(role, area).String()
		}
		out.Levels[string(role)] = row
		out.Visible[string(role)] = p.Visible[role]
	}
	return out
}

func handleAPIPermissions(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		request.Encode(w, http.StatusOK, s.permissionsJSON())
	})
}

// handleAPIPermissionsUpdate reads the cells sent; an unknown role, area
// or level answers 422 naming it (levels.sales.contacts).
func handleAPIPermissionsUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in PermissionsPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		ch := app.PermissionChange{Levels: map[app.Role]map[app.Area]app.Level{}, Visible: map[app.Role]string{}}
		problems := map[string]string{}
		for role, row := range in.Levels {
			if !app.Role(role).Valid() || app.Role(role) == app.RoleAdmin { // admins keep every right
				problems["levels."+role] = "error.permission_invalid"
				continue
			}
			ch.Levels[app.Role(role)] = map[app.Area]app.Level{}
			for area, level := range row {
				l, ok := app.ParseLevel(level)
				if !ok || !knownArea(area) {
					problems["levels."+role+"."+area] = "error.permission_invalid"
					continue
				}
				ch.Levels[app.Role(role)][app.Area(area)] = l
			}
		}
		for role, scope := range in.Visible {
			if app.Role(role) == app.RoleAdmin || (scope != app.SeeAll && scope != app.SeeOwn) {
				problems["visible."+role] = "error.permission_invalid"
				continue
			}
			ch.Visible[app.Role(role)] = scope
		}
		if len(problems) > 0 {
			writeAPIError(w, r, s, app.Invalid(problems))
			return
		}
		if err := s.app.SetPermissions(r.Context(), request.CurrentUser(r), ch); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.permissionsJSON())
	})
}

func knownArea(name string) bool {
	for _, a := range app.Areas {
		if string(a) == name {
			return true
		}
	}
	return false
}
