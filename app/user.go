package app

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"rolo/store"
)

// User is an account as callers see it: no password hash.
type User struct {
	ID       string
	Email    string
	Name     string
	Role     Role
	Language string
	Disabled bool
	store.User
	// Levels and OwnOnly are the role's row of the permission matrix,
	// copied on for pages; app methods check the matrix itself.
	Levels  map[Area]Level
	OwnOnly bool
}

func toUser(u store.User) *User {
	return &User{ID: u.ID, Email: u.Email, Name: u.Name, Role: Role(u.Role), Language: u.Language, Disabled: u.Disabled(), User: u}
}

// IsAdmin tells whether u manages users and settings.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// Actor is who is acting: a logged-in user, or nil for the operator at the
// command line, who owns the machine and the file and so may do anything.
type Actor = *User

func actorID(a Actor) string {
	if a == nil {
		return ""
	}
	return a.ID
}

// newOwner is who owns a record being added, or does a task: the user
// named, else whoever adds it, unless none asks for nobody.
func newOwner(actor Actor, named string, none bool) string {
	if strings.TrimSpace(named) != "" || none {
		return named
	}
	return actorID(actor)
}

// NewUser is what a form, the API or the CLI gives to create an account.
type NewUser struct {
	Name     string
	Email    string
	Role     Role
	Password string
}

// Languages are the UI languages a user may choose; "" follows the browser.
var Languages = []string{"en", "ko", "ja", "zh-Hans"}

func validLanguage(lang string) bool {
	if lang == "" {
		return true
	}
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// NormalizeEmail trims and lower-cases an address and checks its shape,
// returning "" when it is not a plain address.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(stripBidi(s)))
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return ""
	}
	return s
}

func validateName(name string, problems map[string]string) string {
	name = strings.TrimSpace(stripBidi(name))
	switch {
	case name == "":
		problems["name"] = "error.required"
	case utf8.RuneCountInString(name) > 200:
		problems["name"] = "error.too_long"
	}
	return name
}

func validatePassword(field, password string, problems map[string]string) {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLength:
		problems[field] = "error.password_short"
	case len(password) > 1024:
		problems[field] = "error.too_long"
	}
}

func (in NewUser) validate() (NewUser, error) {
	problems := map[string]string{}
	in.Name = validateName(in.Name, problems)
	raw := in.Email
	if in.Email = NormalizeEmail(raw); in.Email == "" {
		problems["email"] = "error.email_invalid"
		if strings.TrimSpace(raw) == "" {
			problems["email"] = "error.required"
		}
	}
	if !in.Role.Valid() {
		problems["role"] = "error.role_invalid"
	}
	validatePassword("password", in.Password, problems)
	if len(problems) > 0 {
		return in, Invalid(problems)
	}
	return in, nil
}

// CreateUser adds an account. Only admins (or the CLI) may.
func (a *App) CreateUser(ctx context.Context, actor Actor, in NewUser) (*User, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return nil, err
	}
	in, err := in.validate()
	if err != nil {
		return nil, err
	}
	var created store.User
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		var err error
		created, err = a.insertUser(ctx, tx, actorID(actor), in)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.hasUsers.Store(true)
	return toUser(created), nil
}

func (a *App) insertUser(ctx context.Context, tx *store.Tx, actor string, in NewUser) (store.User, error) {
	hash, err := HashPassword(in.Password)
	if err != nil {
		return store.User{}, err
	}
	u := store.User{ID: a.cfg.NewID(), Email: in.Email, Name: in.Name, Role: string(in.Role), PasswordHash: hash}
	if err := store.InsertUser(ctx, tx, u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return store.User{}, Invalid(map[string]string{"email": "error.email_taken"})
		}
		return store.User{}, err
	}
	if actor == "" {
		actor = u.ID // the first admin creates themself
	}
	err = a.record(ctx, tx, actor, Change{Action: ActionUserCreated, Entity: "user", ID: u.ID,
		Details: map[string]any{"email": u.Email, "role": u.Role}})
	u.CreatedAt, u.UpdatedAt = tx.Now, tx.Now
	return u, err
}

// Users lists every account, for admins.
func (a *App) Users(ctx context.Context, actor Actor) ([]*User, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return nil, err
	}
	rows, err := store.ListUsers(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	out := make([]*User, len(rows))
	for i, u := range rows {
		out[i] = toUser(u)
	}
	return out, nil
}

// UserByEmail finds an account for the CLI.
func (a *App) UserByEmail(ctx context.Context, email string) (*User, error) {
	u, err := store.UserByEmail(ctx, a.db.Reader(), strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, errorf(ENotFound, "error.user_not_found")
		}
		return nil, err
	}
	return a.withPermissions(toUser(u)), nil
}

// changeUser loads a user inside a write transaction, lets change modify
// it, refuses the change if it would leave no active admin, saves it and
// records action in the audit log.
func (a *App) changeUser(ctx context.Context, actor Actor, id string, action AuditAction, details map[string]any, change func(u *store.User) error) (*User, error) {
	var saved store.User
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		u, err := store.UserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		wasActiveAdmin := u.Role == string(RoleAdmin) && !u.Disabled()
		if err := change(&u); err != nil {
			return err
		}
		if wasActiveAdmin && (u.Role != string(RoleAdmin) || u.Disabled()) {
			n, err := store.CountActiveAdmins(ctx, tx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return errorf(EConflict, "error.last_admin")
			}
		}
		if err := store.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if u.Disabled() || action == ActionUserPasswordReset {
			if err := store.DeleteUserSessions(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		saved = u
		return a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "user", ID: u.ID, Details: details})
	})
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, errorf(ENotFound, "error.user_not_found")
		}
		return nil, err
	}
	return toUser(saved), nil
}

// SetRole changes a user's role; the last active admin keeps theirs.
func (a *App) SetRole(ctx context.Context, actor Actor, id string, role Role) (*User, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return nil, err
	}
	if !role.Valid() {
		return nil, Invalid(map[string]string{"role": "error.role_invalid"})
	}
	return a.changeUser(ctx, actor, id, ActionUserRoleChanged, map[string]any{"role": role}, func(u *store.User) error {
		u.Role = string(role)
		return nil
	})
}

// SetDisabled disables (logging out everywhere) or re-enables an account.
func (a *App) SetDisabled(ctx context.Context, actor Actor, id string, disabled bool) (*User, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return nil, err
	}
	action := ActionUserEnabled
	if disabled {
		action = ActionUserDisabled
	}
	return a.changeUser(ctx, actor, id, action, nil, func(u *store.User) error {
		if disabled && u.DisabledAt.IsZero() {
			u.DisabledAt = a.now()
		} else if !disabled {
			u.DisabledAt = time.Time{}
		}
		return nil
	})
}

// ResetPassword sets a new password for someone else (admins) or for
// anyone (the CLI, to recover a lost admin password); it ends their sessions.
func (a *App) ResetPassword(ctx context.Context, actor Actor, id, password string) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	problems := map[string]string{}
	validatePassword("password", password, problems)
	if len(problems) > 0 {
		return Invalid(problems)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	_, err = a.changeUser(ctx, actor, id, ActionUserPasswordReset, nil, func(u *store.User) error {
		u.PasswordHash = hash
		return nil
	})
	return err
}
