package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"rolo/store"
)

// ActivityType is a kind of activity: the built-in note, call, email and
// meeting, or one an admin added.
type ActivityType = store.ActivityType

// ActivityTypes lists every type, archived ones too, in menu order.
func (a *App) ActivityTypes(ctx context.Context, actor Actor) ([]ActivityType, error) {
	return a.keptActivityTypes(ctx)
}

// ActivityTypeInput is what the settings form says about a type.
type ActivityTypeInput struct {
	Name        string
	Icon        string
	Color       string
	HasDuration bool
	Archived    bool
}

func validateActivityType(in ActivityTypeInput, builtin bool) (ActivityType, error) {
	p := map[string]string{}
	t := ActivityType{HasDuration: in.HasDuration}
	var problem string
	if t.Name, problem = cleanText(in.Name, 60, false); problem != "" {
		p["name"] = problem
	} else if t.Name == "" && !builtin {
		p["name"] = "error.required"
	}
	if t.Icon, problem = cleanText(in.Icon, 8, false); problem != "" || utf8.RuneCountInString(t.Icon) > 4 {
		p["icon"] = "error.icon_invalid"
	}
	color, ok := normalizeColor(in.Color)
	if !ok {
		p["color"] = "error.color_invalid"
	}
	t.Color = color
	if len(p) > 0 {
		return t, Invalid(p)
	}
	return t, nil
}

// normalizeColor accepts #rgb or #rrggbb and returns #rrggbb lower-cased.
func normalizeColor(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "#6b7280", true
	}
	if len(s) == 4 && s[0] == '#' {
		s = "#" + string([]byte{s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	if len(s) != 7 || s[0] != '#' {
		return "", false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return "", false
		}
	}
	return s, true
}

// CreateActivityType adds a type at the end of the menu (admins).
func (a *App) CreateActivityType(ctx context.Context, actor Actor, in ActivityTypeInput) (ActivityType, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return ActivityType{}, err
	}
	t, err := validateActivityType(in, false)
	if err != nil {
		return t, err
	}
	t.ID, t.Version = a.cfg.NewID(), 1
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		types, err := store.ActivityTypes(ctx, tx)
		if err != nil {
			return err
		}
		for _, other := range types {
			if foldKey(other.Name) == foldKey(t.Name) {
				return Invalid(map[string]string{"name": "error.activity_type_taken"})
			}
			t.Position = max(t.Position, other.Position+1)
		}
		if err := store.PutActivityType(ctx, tx, t); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionActivityTypeCreated, Entity: "settings", ID: t.ID, Name: t.Name})
	})
	return t, err
}

// UpdateActivityType changes a type, or archives it so the form stops
// offering it while past activities keep it (admins). Built-ins keep their
// translated names unless given one.
func (a *App) UpdateActivityType(ctx context.Context, actor Actor, id string, in ActivityTypeInput) error {
	_, err := a.changeActivityType(ctx, actor, id, nil, func(have *ActivityTypeInput) { *have = in })
	return err
}

// PatchActivityType changes the type id if it is still at version: edit
// changes its input as stored (a built-in's name is "", which keeps it
// translated), with the rules of UpdateActivityType.
func (a *App) PatchActivityType(ctx context.Context, actor Actor, id string, version int, edit func(*ActivityTypeInput)) (ActivityType, error) {
	return a.changeActivityType(ctx, actor, id, &version, edit)
}

func (a *App) changeActivityType(ctx context.Context, actor Actor, id string, version *int, edit func(*ActivityTypeInput)) (ActivityType, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return ActivityType{}, err
	}
	var saved ActivityType
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		types, err := store.ActivityTypes(ctx, tx)
		if err != nil {
			return err
		}
		var old *ActivityType
		for i := range types {
			if types[i].ID == id {
				old = &types[i]
			}
		}
		if old == nil {
			return errorf(ENotFound, "error.activity_type_not_found")
		}
		if err := stale(old.Version, version); err != nil {
			return err
		}
		in := ActivityTypeInput{Name: old.Name, Icon: old.Icon, Color: old.Color, HasDuration: old.HasDuration, Archived: old.Archived()}
		edit(&in)
		t, err := validateActivityType(in, old.Builtin)
		if err != nil {
			return err
		}
		t.ID, t.Builtin, t.Position, t.ArchivedAt, t.Version = old.ID, old.Builtin, old.Position, old.ArchivedAt, old.Version+1
		if in.Archived && t.ArchivedAt.IsZero() {
			t.ArchivedAt = tx.Now
		} else if !in.Archived {
			t.ArchivedAt = time.Time{}
		}
		if err := store.PutActivityType(ctx, tx, t); err != nil {
			return err
		}
		saved = t
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionActivityTypeChanged, Entity: "settings", ID: id, Name: t.Name,
			Details: map[string]any{"archived": in.Archived}})
	})
	return saved, err
}
