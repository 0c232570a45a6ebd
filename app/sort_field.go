package app

import (
	"context"
	"strings"

	"rolo/store"
)

// SortByField sets a list query to sort by a custom field ("renewal_date"
// or "-renewal_date"), or contacts by lead score ("score", "-score");
// multi selects, and fields hidden from the actor's role, cannot sort.
func (a *App) SortByField(ctx context.Context, actor Actor, entity, sort string, lq *store.ListQuery) error {
	key := strings.TrimPrefix(sort, "-")
	if key == "score" && entity == "contact" {
		lq.SortField, lq.Sort = store.ScoreSort, strings.TrimSuffix(sort, "score")
		return nil
	}
	id, dir, err := a.sortField(ctx, actor, entity, sort)
	if err != nil {
		return err
	}
	lq.SortField, lq.Sort = id, dir
	return nil
}

// DealSortByField is SortByField for deal lists.
func (a *App) DealSortByField(ctx context.Context, actor Actor, sort string, dq *store.DealQuery) error {
	id, dir, err := a.sortField(ctx, actor, "deal", sort)
	if err != nil {
		return err
	}
	dq.SortField, dq.Sort = id, dir
	return nil
}

// sortField finds the custom field a sort names ("key" or "-key") and
// gives its id and the direction ("" or "-").
func (a *App) sortField(ctx context.Context, actor Actor, entity, sort string) (id, dir string, err error) {
	key := strings.TrimPrefix(sort, "-")
	fields, err := a.FieldsFor(ctx, actor, entity) // a hidden field's order would tell its values
	if err != nil {
		return "", "", err
	}
	for _, f := range fields {
		if f.Key == key && f.Type != "multi_select" {
			if strings.HasPrefix(sort, "-") {
				dir = "-"
			}
			return f.ID, dir, nil
		}
	}
	return "", "", Invalid(map[string]string{"sort": "error.sort_invalid"})
}
