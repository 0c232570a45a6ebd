package app

import (
	"context"
	"errors"

	"rolo/store"
)

// Segment is a saved filter ("Premium customers"), private to its owner
// or shared with the team.
type Segment = store.Segment

// SegmentInput is what a form or the API says about a segment.
type SegmentInput struct {
	Entity string // contact, company or deal; fixed once created
	Name   string
	Query  string // the filter syntax
	Shared bool
}

// Segments lists the segments actor sees (shared ones and their own) for
// entity, or for every entity when entity is "".
func (a *App) Segments(ctx context.Context, actor Actor, entity string) ([]Segment, error) {
	return store.Segments(ctx, a.db.Reader(), actorID(actor), entity)
}

// Segment loads one segment actor may see.
func (a *App) Segment(ctx context.Context, actor Actor, id string) (Segment, error) {
	s, err := store.SegmentByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !s.Shared && s.OwnerID != actorID(actor)) {
		return Segment{}, errorf(ENotFound, "error.segment_not_found")
	}
	return s, err
}

// SegmentQuery gives the query of a segment actor may see, for lists,
// bulk actions, exports, reports and automation: pass it to ListQueryFor,
// DealQueryFor or MatchesQuery.
func (a *App) SegmentQuery(ctx context.Context, actor Actor, id string) (entity, query string, err error) {
	s, err := a.Segment(ctx, actor, id)
	return s.Entity, s.Query, err
}

func (a *App) checkSegment(ctx context.Context, actor Actor, in SegmentInput, s *Segment) error {
	p := map[string]string{}
	var problem string
	if s.Name, problem = cleanText(in.Name, 200, false); problem != "" {
		p["name"] = problem
	} else if s.Name == "" {
		p["name"] = "error.required"
	}
	if !contains(FieldEntities, s.Entity) {
		p["entity"] = "error.field_entity_invalid"
	} else if _, err := a.compileQuery(ctx, a.db.Reader(), actor, s.Entity, in.Query); err != nil {
		if e := AsError(err); e.Code == EInvalid {
			p["query"] = e.Fields["q"]
		} else {
			return err
		}
	}
	s.Query, s.Shared = in.Query, in.Shared
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}

// CreateSegment saves a filter under a name. Everyone may keep private
// segments; sharing with the team takes create rights in automation.
func (a *App) CreateSegment(ctx context.Context, actor Actor, in SegmentInput) (Segment, error) {
	if actor == nil {
		return Segment{}, errorf(EForbidden, "error.forbidden")
	}
	if in.Shared {
		if err := a.can(actor, AreaAutomation, LevelCreate); err != nil {
			return Segment{}, err
		}
	}
	s := Segment{ID: a.cfg.NewID(), Entity: in.Entity, OwnerID: actorID(actor)}
	if err := a.checkSegment(ctx, actor, in, &s); err != nil {
		return Segment{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutSegment(ctx, tx, s); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSegmentCreated, Entity: "segment", ID: s.ID, Name: s.Name,
			Details: map[string]any{"query": s.Query}})
	})
	if err != nil {
		return Segment{}, err
	}
	return a.Segment(ctx, actor, s.ID)
}

// canChangeSegment: its owner, or for shared ones whoever manages
// automation.
func (a *App) canChangeSegment(actor Actor, s Segment) error {
	if actor == nil || s.OwnerID == actor.ID {
		return nil
	}
	if s.Shared {
		return a.can(actor, AreaAutomation, LevelManage)
	}
	return errorf(EForbidden, "error.forbidden")
}

// UpdateSegment renames a segment, changes its query or its sharing.
func (a *App) UpdateSegment(ctx context.Context, actor Actor, id string, in SegmentInput) (Segment, error) {
	return a.PatchSegment(ctx, actor, id, nil, in)
}

// PatchSegment is UpdateSegment for the segment still at version, when
// one is given.
func (a *App) PatchSegment(ctx context.Context, actor Actor, id string, version *int, in SegmentInput) (Segment, error) {
	s, err := a.Segment(ctx, actor, id)
	if err != nil {
		return s, err
	}
	if err := a.canChangeSegment(actor, s); err != nil {
		return s, err
	}
	if in.Shared && !s.Shared {
		if err := a.can(actor, AreaAutomation, LevelCreate); err != nil {
			return s, err
		}
	}
	if err := a.checkSegment(ctx, actor, in, &s); err != nil {
		return Segment{}, err
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		now, err := store.SegmentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := stale(now.Version, version); err != nil {
			return err
		}
		if err := stale(s.Version, version); err != nil {
			return err // changed since it was read above
		}
		if err := store.PutSegment(ctx, tx, s); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSegmentUpdated, Entity: "segment", ID: s.ID, Name: s.Name,
			Details: map[string]any{"query": s.Query}})
	})
	if err != nil {
		return Segment{}, err
	}
	return a.Segment(ctx, actor, id)
}

// DeleteSegment removes a segment; the records it listed stay as they are.
func (a *App) DeleteSegment(ctx context.Context, actor Actor, id string) error {
	s, err := a.Segment(ctx, actor, id)
	if err != nil {
		return err
	}
	if err := a.canChangeSegment(actor, s); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.DeleteSegment(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSegmentDeleted, Entity: "segment", ID: id, Name: s.Name,
			Details: map[string]any{"query": s.Query}})
	})
}

// SegmentCount counts the live records a segment matches among those
// actor sees.
func (a *App) SegmentCount(ctx context.Context, actor Actor, s Segment) (int, error) {
	switch s.Entity {
	case "deal":
		var dq store.DealQuery
		if err := a.DealQueryFor(ctx, actor, s.Query, &dq); err != nil || !a.scopeDeals(actor, &dq) {
			return 0, err
		}
		return store.CountDeals(ctx, a.db.Reader(), dq)
	case "company":
		lq := store.ListQuery{}
		if err := a.ListQueryFor(ctx, actor, "company", s.Query, &lq); err != nil || !a.scopeList(actor, &lq) {
			return 0, err
		}
		return store.CountCompanies(ctx, a.db.Reader(), lq)
	}
	lq := store.ListQuery{}
	if err := a.ListQueryFor(ctx, actor, "contact", s.Query, &lq); err != nil || !a.scopeList(actor, &lq) {
		return 0, err
	}
	return store.CountContacts(ctx, a.db.Reader(), lq)
}

// maxSegmentRecords bounds what one bulk action over a segment changes.
const maxSegmentRecords = 10_000

// SegmentRecordIDs lists the ids of the live records a segment matches
// (at most 10,000), for bulk actions and exports over a segment.
func (a *App) SegmentRecordIDs(ctx context.Context, actor Actor, id string) ([]string, error) {
	s, err := a.Segment(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return a.segmentIDs(ctx, actor, s, maxSegmentRecords)
}

// segmentIDs lists the ids of the live records s matches that actor
// sees, at most max of them (0: all).
func (a *App) segmentIDs(ctx context.Context, actor Actor, s Segment, max int) ([]string, error) {
	if max <= 0 {
		max = int(^uint(0) >> 1)
	}
	ids := []string{}
	switch s.Entity {
	case "deal":
		dq := store.DealQuery{Limit: 500}
		if err := a.DealQueryFor(ctx, actor, s.Query, &dq); err != nil {
			return nil, err
		}
		for len(ids) < max {
			page, err := a.ListDeals(ctx, actor, dq)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Rows {
				ids = append(ids, r.ID)
			}
			if page.NextCursor == "" {
				break
			}
			dq.Cursor = page.NextCursor
		}
	default:
		lq := store.ListQuery{Limit: 500}
		if err := a.ListQueryFor(ctx, actor, s.Entity, s.Query, &lq); err != nil {
			return nil, err
		}
		for len(ids) < max {
			var next string
			if s.Entity == "company" {
				page, err := a.ListCompanies(ctx, actor, lq)
				if err != nil {
					return nil, err
				}
				for _, r := range page.Rows {
					ids = append(ids, r.ID)
				}
				next = page.NextCursor
			} else {
				page, err := a.ListContacts(ctx, actor, lq)
				if err != nil {
					return nil, err
				}
				for _, r := range page.Rows {
					ids = append(ids, r.ID)
				}
				next = page.NextCursor
			}
			if next == "" {
				break
			}
			lq.Cursor = next
		}
	}
	if len(ids) > max {
		ids = ids[:max]
	}
	return ids, nil
}
