package app

import (
	"context"
	"strings"
	"unicode"

	"rolo/store"
)

// Notification is one line under the bell.
type Notification = store.Notification

// linkOf is the page of a record, for a notification to open.
func linkOf(entity, id string) string {
	switch entity {
	case "contact":
		return "/contacts/" + id
	case "company":
		return "/companies/" + id
	case "deal":
		return "/deals/" + id
	case "task":
		return "/tasks/" + id
	case "email_account":
		return "/profile/email"
	}
	return ""
}

func (a *App) insertNotification(ctx context.Context, tx *store.Tx, userID, kind, text, entity, id string) error {
	if userID == "" {
		return nil
	}
	if muted, err := store.NotificationMuted(ctx, tx, userID, kind); err != nil || muted {
		return err
	}
	return store.InsertNotification(ctx, tx, store.Notification{ID: a.cfg.NewID(), UserID: userID, Kind: kind, Text: text, Link: linkOf(entity, id)})
}

// notify tells a user about a record given to them; the text is the
// record's name, the kind says what happened (the page translates it).
func (a *App) notify(ctx context.Context, tx *store.Tx, userID, kind, entity, id string) error {
	name, err := store.RecordName(ctx, tx, entity, id)
	if err != nil {
		return nil // nothing to point at
	}
	return a.insertNotification(ctx, tx, userID, kind, name, entity, id)
}

// notifyMentions tells every user named as @Name (or @first-name) in a
// logged activity's notes, linking to the first record it is about.
func (a *App) notifyMentions(ctx context.Context, tx *store.Tx, ev Event) error {
	act, err := store.ActivityByID(ctx, tx, ev.EntityID)
	if err != nil || act.TypeID == EmailTypeID || !strings.Contains(act.Body, "@") {
		return nil // a logged email's text was written by someone else, to other people
	}
	users, err := store.ActiveUsers(ctx, tx)
	if err != nil {
		return err
	}
	entity, id := "", ""
	if len(act.Links) > 0 {
		entity, id = act.Links[0].Entity, act.Links[0].ID
	}
	for _, u := range users {
		if u[0] == ev.ActorID || !mentions(act.Body, u[1]) {
			continue
		}
		if err := a.insertNotification(ctx, tx, u[0], "mention", truncate(act.Body, 200), entity, id); err != nil {
			return err
		}
	}
	return nil
}

// mentions tells whether body names @name, or @first-name alone, followed
// by something that is not a letter.
func mentions(body, name string) bool {
	lower := strings.ToLower(body)
	for _, n := range []string{strings.ToLower(name), strings.ToLower(strings.Fields(name + " ")[0])} {
		if n == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(lower[i:], "@"+n)
			if j < 0 {
				break
			}
			end := i + j + 1 + len(n)
			if end == len(lower) || !unicode.IsLetter([]rune(lower[end:])[0]) {
				return true
			}
			i = end
		}
	}
	return false
}

// Notifications lists actor's latest notifications and the unread count.
func (a *App) Notifications(ctx context.Context, actor Actor, limit int) ([]Notification, int, error) {
	if actor == nil {
		return nil, 0, errorf(EUnauthorized, "error.login_required")
	}
	list, err := store.NotificationsOf(ctx, a.db.Reader(), actor.ID, limit)
	if err != nil {
		return nil, 0, err
	}
	n, err := store.UnreadNotifications(ctx, a.db.Reader(), actor.ID)
	return list, n, err
}

// UnreadNotifications counts actor's unread notifications (the bell's badge).
func (a *App) UnreadNotifications(ctx context.Context, actor Actor) (int, error) {
	if actor == nil {
		return 0, nil
	}
	return store.UnreadNotifications(ctx, a.db.Reader(), actor.ID)
}

// MarkNotificationsRead marks one of actor's notifications read, or all
// when id is "".
func (a *App) MarkNotificationsRead(ctx context.Context, actor Actor, id string) error {
	if actor == nil {
		return errorf(EUnauthorized, "error.login_required")
	}
	return a.db.Write(ctx, func(tx *store.Tx) error { return store.MarkNotificationsRead(ctx, tx, actor.ID, id) })
}

// NotificationKinds are the kinds of notification a user may turn off.
var NotificationKinds = []string{"assigned", "mention", "rule", "webhook_disabled", "email_failed", "replica_failing"}

// NotificationMutes gives the kinds actor turned off.
func (a *App) NotificationMutes(ctx context.Context, actor Actor) (map[string]bool, error) {
	if actor == nil {
		return nil, errorf(EUnauthorized, "error.login_required")
	}
	return store.NotificationMutes(ctx, a.db.Reader(), actor.ID)
}

// SetNotificationMutes turns off the given kinds for actor (and on the rest).
func (a *App) SetNotificationMutes(ctx context.Context, actor Actor, kinds []string) error {
	if actor == nil {
		return errorf(EUnauthorized, "error.login_required")
	}
	var keep []string
	for _, k := range kinds {
		if contains(NotificationKinds, k) {
			keep = append(keep, k)
		}
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.SetNotificationMutes(ctx, tx, actor.ID, keep); err != nil {
			return err
		}
		return a.record(ctx, tx, actor.ID, Change{Action: ActionUserNotificationsChanged, Entity: "user", ID: actor.ID,
			Details: map[string]any{"muted": keep}})
	})
}
