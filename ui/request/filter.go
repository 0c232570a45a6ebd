package request

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"rolo/app"
)

// FilterQuery adds to a list query what the filter syntax says: q (a
// query), segment (a saved segment's id) and a sort by a custom field
// ("renewal_date", "-renewal_date", or with a "cf." prefix).
func FilterQuery(ctx context.Context, a *app.App, actor app.Actor, entity string, v url.Values, lq *app.ListQuery) error {
	if err := segmentQuery(ctx, a, actor, entity, v, func(q string) error { return a.ListQueryFor(ctx, actor, entity, q, lq) }); err != nil {
		return err
	}
	if q := v.Get("q"); q != "" {
		if err := a.ListQueryFor(ctx, actor, entity, q, lq); err != nil {
			return err
		}
	}
	// Lists sort by custom fields.
	if sort := lq.Sort; sort != "" && !Contains(app.Sorts, sort) {
		// An unknown sort stays as given, so the app names it with every
		// other bad parameter.
		if err := a.SortByField(ctx, actor, entity, strings.Replace(sort, "cf.", "", 1), lq); app.ErrorCode(err) != app.EInvalid {
			return err
		}
	}
	return nil
}

// DealFilterQuery is filterQuery for deal lists.
func DealFilterQuery(ctx context.Context, a *app.App, actor app.Actor, v url.Values, dq *app.DealQuery) error {
	if err := segmentQuery(ctx, a, actor, "deal", v, func(q string) error { return a.DealQueryFor(ctx, actor, q, dq) }); err != nil {
		return err
	}
	if q := v.Get("q"); q != "" {
		if err := a.DealQueryFor(ctx, actor, q, dq); err != nil {
			return err
		}
	}
	if sort := dq.Sort; sort != "" && !Contains(app.DealSorts, sort) {
		// As filterQuery: an unknown sort is left for the app to name.
		if err := a.DealSortByField(ctx, actor, strings.Replace(sort, "cf.", "", 1), dq); app.ErrorCode(err) != app.EInvalid {
			return err
		}
	}
	return nil
}

func segmentQuery(ctx context.Context, a *app.App, actor app.Actor, entity string, v url.Values, add func(q string) error) error {
	id := v.Get("segment")
	if id == "" {
		return nil
	}
	segEntity, q, err := a.SegmentQuery(ctx, actor, id)
	if err != nil {
		return err
	}
	if segEntity != entity {
		return app.Invalid(map[string]string{"segment": "error.segment_entity"})
	}
	return add(q)
}

func Contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// CustomJSON shows custom values as an object, {} when there are none.
func CustomJSON(v map[string]any) map[string]any {
	if v == nil {
		return map[string]any{}
	}
	return v
}

// NoTag is an id no tag has: filtering by an unknown tag name matches
// nothing, yet the other parameters are still checked.
const NoTag = "-"

// ListQuery reads limit, cursor, sort and the filters tag (a name),
// status, owner and company (an id or "none"). The app checks them and
// names every bad one at once.
func ListQuery(ctx context.Context, a *app.App, v url.Values) (app.ListQuery, error) {
	q := app.ListQuery{Sort: v.Get("sort"), Cursor: v.Get("cursor"), Status: v.Get("status"), Owner: v.Get("owner"), Company: v.Get("company")}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			n = -1 // out of range, so the app reports it
		}
		q.Limit = n
	}
	if name := v.Get("tag"); name != "" {
		t, err := a.TagByName(ctx, name)
		switch {
		case app.ErrorCode(err) == app.ENotFound:
			q.TagID = NoTag
		case err != nil:
			return q, err
		default:
			q.TagID = t.ID
		}
	}
	return q, nil
}

// RecordListQuery reads a contact or company list request (entity
// "contact" or "company"): paging, sort, the plain filters and the filter
// language, every bad one named at once by the app.
func RecordListQuery(ctx context.Context, a *app.App, actor app.Actor, entity string, v url.Values) (app.ListQuery, error) {
	q, err := ListQuery(ctx, a, v)
	if err == nil {
		err = FilterQuery(ctx, a, actor, entity, v, &q)
	}
	return q, err
}
