package web

import (
	"net/http"
	"strconv"
	"strings"

	"rolo/app"
)

// permissionsPage is the permission matrix for admins: one select per
// role and area, each role's record visibility, a plain-words account of
// what each role may do, and the data retention setting.
type permissionsPage struct {
	Base
	Roles     []app.Role
	Areas     []app.Area
	Levels    []app.Level
	Perms     *app.Permissions
	Summaries []roleSummary
	Retention string
	Errors    map[string]string
	// Fields are the custom fields with each limited role's protection.
	Fields      []app.CustomField
	Protections map[string]map[string]string // field id → role → hidden/read_only
}

// roleSummary says in words what one role may do.
type roleSummary struct {
	Role  app.Role
	Lines []string
}

func (s *site) renderPermissions(w http.ResponseWriter, r *http.Request, status int, page permissionsPage) {
	page.Roles, page.Areas, page.Levels, page.Perms = app.Roles, app.Areas, app.Levels, s.app.Permissions()
	if page.Retention == "" {
		page.Retention = strconv.Itoa(s.app.RetentionDays(r.Context()))
	}
	for _, role := range app.Roles {
		sum := roleSummary{Role: role}
		for _, area := range app.Areas {
			l := page.Perms.Level(role, area)
			sum.Lines = append(sum.Lines, s.catalog.T(page.Lang, "permissions.area."+string(area))+": "+
				s.catalog.T(page.Lang, "permissions.means."+l.String()))
		}
		vis := "permissions.sees_all"
		if page.Perms.Visible[role] == app.SeeOwn {
			vis = "permissions.sees_own"
		}
		sum.Lines = append(sum.Lines, s.catalog.T(page.Lang, vis))
		page.Summaries = append(page.Summaries, sum)
	}
	for _, entity := range app.FieldEntities {
		fields, err := s.app.CustomFields(r.Context(), entity)
		if err != nil {
			s.views.renderError(w, r, page.Base, err)
			return
		}
		page.Fields = append(page.Fields, fields...)
	}
	prot, err := s.app.FieldProtections(r.Context())
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Protections = prot
	s.views.render(w, r, status, "permissions", page.Lang, page)
}

// handlePermissions shows the permission matrix.
func handlePermissions(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderPermissions(w, r, http.StatusOK, permissionsPage{Base: s.base(w, r, "permissions.title")})
	})
}

// handlePermissionsUpdate saves the matrix: fields level.ROLE.AREA and
// visible.ROLE. Cells not sent keep their value.
func handlePermissionsUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "permissions.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		ch := app.PermissionChange{Levels: map[app.Role]map[app.Area]app.Level{}, Visible: map[app.Role]string{}}
		for _, role := range app.Roles {
			for _, area := range app.Areas {
				v := r.PostForm.Get("level." + string(role) + "." + string(area))
				if v == "" {
					continue
				}
				l, ok := app.ParseLevel(v)
				if !ok {
					s.views.renderError(w, r, b, &app.Error{Code: app.EInvalid, Message: "error.permission_invalid"})
					return
				}
				if ch.Levels[role] == nil {
					ch.Levels[role] = map[app.Area]app.Level{}
				}
				ch.Levels[role][area] = l
			}
			if v := r.PostForm.Get("visible." + string(role)); v != "" {
				ch.Visible[role] = v
			}
		}
		if err := s.app.SetPermissions(r.Context(), b.User, ch); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "permissions.saved")
		redirect(w, r, s.recordPath("permissions"))
	})
}

// handleRetentionUpdate sets how many days trashed records and audit
// details are kept (0 keeps them for ever).
func handleRetentionUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "permissions.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		raw := r.PostForm.Get("retention_days")
		days, convErr := strconv.Atoi(raw)
		err := error(&app.Error{Code: app.EInvalid, Message: "error.invalid", Fields: map[string]string{"retention_days": "error.retention_invalid"}})
		if convErr == nil {
			err = s.app.SetRetentionDays(r.Context(), b.User, days)
		}
		if fields := fieldErrors(err); fields != nil {
			s.renderPermissions(w, r, http.StatusUnprocessableEntity, permissionsPage{Base: b, Retention: raw, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "permissions.retention_saved")
		redirect(w, r, s.recordPath("permissions")+"#retention")
	})
}

// refuseUnless renders "forbidden" and returns true when the user may not
// do action in area; form pages call it before showing a form the app
// would refuse to save.
func (s *site) refuseUnless(w http.ResponseWriter, r *http.Request, b Base, area app.Area, action app.Level) bool {
	if app.CanDo(b.User, area, action) {
		return false
	}
	s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
	return true
}

// handleFieldProtection saves the field protection table: fields
// prot.FIELD.ROLE with "", "read_only" or "hidden".
func handleFieldProtection(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "permissions.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		for name, vs := range r.PostForm {
			rest, ok := strings.CutPrefix(name, "prot.")
			if !ok {
				continue
			}
			field, role, ok := strings.Cut(rest, ".")
			if !ok || len(vs) == 0 {
				continue
			}
			if err := s.app.SetFieldProtection(r.Context(), b.User, field, app.Role(role), vs[0]); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
		}
		setFlash(w, "permissions.fields_saved")
		redirect(w, r, s.recordPath("permissions")+"#fields")
	})
}
