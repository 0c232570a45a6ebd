package app

import "context"

// Team lists every account, active ones first, for owner pickers and for
// naming who created or changed a record. Unlike Users it is not an
// administration view, so every logged-in user may read it.
func (a *App) Team(ctx context.Context, actor Actor) ([]*User, error) {
	rows, err := a.keptUsers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*User, len(rows))
	for i, u := range rows {
		out[i] = toUser(u)
	}
	return out, nil
}
