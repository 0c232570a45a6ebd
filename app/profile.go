package app

import (
	"context"

	"rolo/store"
)

// Profile is what users change about themselves.
type Profile struct {
	Name     string
	Language string
	TimeZone string // IANA name; "" follows the server
	// RemindMinutes is the lead time of the tasks they add (see
	// RemindOptions); nil keeps it.
	RemindMinutes *int
}

// UpdateProfile saves the actor's own name and language.
func (a *App) UpdateProfile(ctx context.Context, actor Actor, p Profile) (*User, error) {
	problems := map[string]string{}
	p.Name = validateName(p.Name, problems)
	if !validLanguage(p.Language) {
		problems["language"] = "error.language_invalid"
	}
	if !validZone(p.TimeZone) {
		problems["time_zone"] = "error.time_zone_invalid"
	}
	if p.RemindMinutes != nil && !validRemind(*p.RemindMinutes) {
		problems["remind_minutes"] = "error.remind_invalid"
	}
	if len(problems) > 0 {
		return nil, Invalid(problems)
	}
	details := map[string]any{"language": p.Language, "time_zone": p.TimeZone}
	if p.RemindMinutes != nil {
		details["remind_minutes"] = *p.RemindMinutes
	}
	return a.changeUser(ctx, actor, actor.ID, ActionUserProfileUpdated, details, func(u *store.User) error {
		u.Name, u.Language, u.TimeZone = p.Name, p.Language, p.TimeZone
		if p.RemindMinutes != nil {
			u.RemindMinutes = *p.RemindMinutes
		}
		return nil
	})
}

// ChangePassword replaces the actor's password after checking the current
// one; other browsers logged in as them are logged out.
func (a *App) ChangePassword(ctx context.Context, actor Actor, currentSessionID, current, next string) error {
	u, err := store.UserByID(ctx, a.db.Reader(), actor.ID)
	if err != nil {
		return err
	}
	ok, err := CheckPassword(u.PasswordHash, current)
	if err != nil {
		return err
	}
	problems := map[string]string{}
	if !ok {
		problems["current_password"] = "error.password_wrong"
	}
	validatePassword("new_password", next, problems)
	if len(problems) > 0 {
		return Invalid(problems)
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		u, err := store.UserByID(ctx, tx, actor.ID)
		if err != nil {
			return err
		}
		u.PasswordHash = hash
		if err := store.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if err := store.DeleteOtherSessions(ctx, tx, u.ID, currentSessionID); err != nil {
			return err
		}
		return a.record(ctx, tx, u.ID, Change{Action: ActionUserPasswordChanged, Entity: "user", ID: u.ID})
	})
}
