package app

import (
	"context"

	"rolo/store"
)

// Area is a part of the CRM that the permission matrix grants actions on.
type Area string

const (
	AreaContacts     Area = "contacts"     // contacts, companies, tags
	AreaDeals        Area = "deals"        // deals; manage = pipelines and stages
	AreaActivities   Area = "activities"   // activities and tasks
	AreaImports      Area = "imports"      // view = export, create = import, delete = undo an import
	AreaAutomation   Area = "automation"   // rules, scoring, segments
	AreaForms        Area = "forms"        // web forms
	AreaIntegrations Area = "integrations" // API keys for others, webhooks
	AreaReports      Area = "reports"      // view = own figures; create–delete = own goals; manage = the whole team's
	AreaSettings     Area = "settings"     // users, roles, settings, audit log, custom fields
)

// Areas lists every area in the order the permissions page shows them.
var Areas = []Area{AreaContacts, AreaDeals, AreaActivities, AreaImports, AreaAutomation, AreaForms, AreaIntegrations, AreaReports, AreaSettings}

// Level is what a role may do in an area. Levels are cumulative: a role
// that may edit may also create and view.
type Level int

const (
	LevelNone Level = iota
	LevelView
	LevelCreate
	LevelEdit
	LevelDelete
	LevelManage
)

// Levels lists every level, least first, as the permissions page offers them.
var Levels = []Level{LevelNone, LevelView, LevelCreate, LevelEdit, LevelDelete, LevelManage}

var levelNames = []string{"none", "view", "create", "edit", "delete", "manage"}

func (l Level) String() string { return levelNames[l] }

// ParseLevel reads a level's name.
func ParseLevel(s string) (Level, bool) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), true
		}
	}
	return LevelNone, false
}

// Visibility scopes: every record, or only those the user owns or is
// assigned to (and their activities and tasks).
const (
	SeeAll = "all"
	SeeOwn = "own"
)

// defaultLevels are the permissions each job needs out of the box.
var defaultLevels = map[Role]map[Area]Level{
	RoleAdmin: {AreaContacts: LevelManage, AreaDeals: LevelManage, AreaActivities: LevelManage, AreaImports: LevelManage,
		AreaAutomation: LevelManage, AreaForms: LevelManage, AreaIntegrations: LevelManage, AreaReports: LevelManage, AreaSettings: LevelManage},
	RoleManager: {AreaContacts: LevelManage, AreaDeals: LevelManage, AreaActivities: LevelManage, AreaImports: LevelManage,
		AreaAutomation: LevelManage, AreaForms: LevelManage, AreaIntegrations: LevelEdit, AreaReports: LevelManage, AreaSettings: LevelView},
	RoleSales: {AreaContacts: LevelDelete, AreaDeals: LevelDelete, AreaActivities: LevelDelete, AreaImports: LevelView,
		AreaAutomation: LevelView, AreaForms: LevelNone, AreaIntegrations: LevelNone, AreaReports: LevelDelete, AreaSettings: LevelNone},
	RoleMarketing: {AreaContacts: LevelDelete, AreaDeals: LevelView, AreaActivities: LevelDelete, AreaImports: LevelDelete,
		AreaAutomation: LevelManage, AreaForms: LevelManage, AreaIntegrations: LevelNone, AreaReports: LevelDelete, AreaSettings: LevelNone},
	RoleSupport: {AreaContacts: LevelEdit, AreaDeals: LevelView, AreaActivities: LevelEdit, AreaImports: LevelNone,
		AreaAutomation: LevelNone, AreaForms: LevelNone, AreaIntegrations: LevelNone, AreaReports: LevelDelete, AreaSettings: LevelNone},
	RoleViewer: {AreaContacts: LevelView, AreaDeals: LevelView, AreaActivities: LevelView, AreaImports: LevelNone,
		AreaAutomation: LevelView, AreaForms: LevelView, AreaIntegrations: LevelNone, AreaReports: LevelView, AreaSettings: LevelNone},
}

// Permissions is the whole matrix: each role's level per area and its
// record visibility.
type Permissions struct {
	Levels  map[Role]map[Area]Level
	Visible map[Role]string
}

// DefaultPermissions is the matrix before any admin changes it.
func DefaultPermissions() *Permissions {
	p := &Permissions{Levels: map[Role]map[Area]Level{}, Visible: map[Role]string{}}
	for _, r := range Roles {
		p.Levels[r] = map[Area]Level{}
		for _, ar := range Areas {
			p.Levels[r][ar] = defaultLevels[r][ar]
		}
		p.Visible[r] = SeeAll
	}
	return p
}

// Level gives a role's level in an area.
func (p *Permissions) Level(r Role, ar Area) Level { return p.Levels[r][ar] }

// permissions reads the matrix, cached until an admin changes it.
func (a *App) permissions() *Permissions {
	if p := a.perms.Load(); p != nil {
		return p
	}
	p := DefaultPermissions()
	cells, scopes, err := store.RolePermissions(context.Background(), a.db.Reader())
	if err != nil {
		return p // not cached: the next check reads again
	}
	for _, c := range cells {
		if l, ok := ParseLevel(c.Level); ok && Role(c.Role).Valid() {
			p.Levels[Role(c.Role)][Area(c.Area)] = l
		}
	}
	for role, scope := range scopes {
		if Role(role).Valid() && (scope == SeeAll || scope == SeeOwn) {
			p.Visible[Role(role)] = scope
		}
	}
	// The admin row never narrows: an admin who locked admins out of
	// settings could not undo it.
	for _, ar := range Areas {
		p.Levels[RoleAdmin][ar] = LevelManage
	}
	p.Visible[RoleAdmin] = SeeAll
	a.perms.Store(p)
	return p
}

// Permissions is the matrix as the permissions page shows it.
func (a *App) Permissions() *Permissions { return a.permissions() }

// can is the one permission check: may actor do action in area? The
// command-line operator (nil) may do everything.
func (a *App) can(actor Actor, area Area, action Level) error {
	if actor == nil {
		return nil
	}
	if a.permissions().Level(actor.Role, area) < action {
		return errorf(EForbidden, "error.forbidden")
	}
	return nil
}

// Can tells pages whether to offer an action; the app methods check again.
func (a *App) Can(actor Actor, area Area, action Level) bool {
	return a.can(actor, area, action) == nil
}

// ownerScope gives the user id that limits what actor sees, or "" when
// actor sees every record.
func (a *App) ownerScope(actor Actor) string {
	if actor == nil || a.permissions().Visible[actor.Role] != SeeOwn {
		return ""
	}
	return actor.ID
}

// withPermissions copies the role's row of the matrix onto the user, so
// templates and handlers can ask CanWriteRecords without the App.
func (a *App) withPermissions(u *User) *User {
	if u == nil {
		return u
	}
	p := a.permissions()
	u.Levels = p.Levels[u.Role]
	u.OwnOnly = p.Visible[u.Role] == SeeOwn
	return u
}

// userLevel reads a level from the user's copy of the matrix, or from the
// defaults for a user loaded without it.
func userLevel(u *User, ar Area) Level {
	if u.Levels != nil {
		return u.Levels[ar]
	}
	return defaultLevels[u.Role][ar]
}

// CanDo tells pages whether u may do action in area.
func CanDo(u *User, ar Area, action Level) bool { return u == nil || userLevel(u, ar) >= action }

// CanWriteRecords tells pages whether to offer create, edit and delete
// buttons for contacts and companies; the write methods check again.
func CanWriteRecords(u *User) bool { return CanDo(u, AreaContacts, LevelEdit) }

// CanManagePipelines tells pages whether to offer pipeline settings.
func CanManagePipelines(u *User) bool { return CanDo(u, AreaDeals, LevelManage) }

// PermissionChange is one cell or visibility an admin sets on the page.
type PermissionChange struct {
	Levels  map[Role]map[Area]Level
	Visible map[Role]string
}

// SetPermissions stores the matrix an admin edited. Admins keep every
// right, so the page cannot lock the last admin out.
func (a *App) SetPermissions(ctx context.Context, actor Actor, ch PermissionChange) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	for role, scope := range ch.Visible {
		if !role.Valid() || (scope != SeeAll && scope != SeeOwn) {
			return Invalid(map[string]string{"visible." + string(role): "error.permission_invalid"})
		}
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		changed := map[string]any{}
		for role, row := range ch.Levels {
			if !role.Valid() || role == RoleAdmin {
				continue
			}
			for ar, l := range row {
				if err := store.PutRolePermission(ctx, tx, store.RolePermission{Role: string(role), Area: string(ar), Level: l.String()}); err != nil {
					return err
				}
				changed[string(role)+"."+string(ar)] = l.String()
			}
		}
		for role, scope := range ch.Visible {
			if role == RoleAdmin {
				continue
			}
			if err := store.PutRoleVisibility(ctx, tx, string(role), scope); err != nil {
				return err
			}
			changed[string(role)+".visible"] = scope
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionPermissionsUpdated, Entity: "settings", ID: "permissions", Details: changed})
	})
	a.perms.Store(nil)
	return err
}
