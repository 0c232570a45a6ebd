package app

import (
	"context"

	"rolo/store"
)

// Badges are the counts the top bar shows beside Today and the bell.
type Badges struct {
	Today  int // open tasks overdue or due today (as TodayCount)
	Unread int // unread notifications
}

// BadgeMost is the largest count a badge shows exactly: a count above it
// is BadgeMost+1, which the bar shows as "99+".
const BadgeMost = 99

// Badges reads both badge counts in one cheap statement, for every page's
// top bar; a page that only redirects need not ask.
func (a *App) Badges(ctx context.Context, actor Actor) (Badges, error) {
	if actor == nil {
		return Badges{}, nil
	}
	tomorrow := startOfDay(a.now(), Location(actor)).AddDate(0, 0, 1)
	today, unread, err := store.BadgeCounts(ctx, a.db.Reader(), actor.ID, tomorrow, BadgeMost)
	return Badges{Today: today, Unread: unread}, err
}
