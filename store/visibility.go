package store

import (
	"context"
	"fmt"
)

// RecordOwner gives the owner's user id of a contact, company or deal
// ("" for none), trashed ones included.
func RecordOwner(ctx context.Context, q Querier, kind, id string) (string, error) {
	table := map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}[kind]
	if table == "" {
		return "", fmt.Errorf("record owner: unknown kind %q", kind)
	}
	var owner string
	err := q.QueryRowContext(ctx, `SELECT coalesce(owner_id, '') FROM `+table+` WHERE id = ?`, id).Scan(&owner)
	return owner, translate(err)
}

// ActivityVisibleTo tells whether userID did the activity or owns a
// record it is linked to.
func ActivityVisibleTo(ctx context.Context, q Querier, id, userID string) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM activities WHERE id = ? AND user_id = ?)
		OR EXISTS (SELECT 1 FROM activity_links l WHERE l.activity_id = ? AND `+ownedLink+`)`,
		id, userID, id, userID, userID, userID).Scan(&ok)
	return ok, err
}

// TaskVisibleTo tells whether userID is assigned the task or owns a record
// it is linked to.
func TaskVisibleTo(ctx context.Context, q Querier, id, userID string) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tasks WHERE id = ? AND assignee_id = ?)
		OR EXISTS (SELECT 1 FROM task_links l WHERE l.task_id = ? AND `+ownedLink+`)`,
		id, userID, id, userID, userID, userID).Scan(&ok)
	return ok, err
}

// ownedLink holds for a link row l whose record the user (three
// parameters) owns.
const ownedLink = `((l.entity = 'contact' AND l.entity_id IN (SELECT id FROM contacts WHERE owner_id = ?))
	OR (l.entity = 'company' AND l.entity_id IN (SELECT id FROM companies WHERE owner_id = ?))
	OR (l.entity = 'deal' AND l.entity_id IN (SELECT id FROM deals WHERE owner_id = ?)))`

// OwnedIDs keeps of ids, in order, the contacts, companies or deals that
// owner owns.
func OwnedIDs(ctx context.Context, q Querier, kind string, ids []string, owner string) ([]string, error) {
	table := map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}[kind]
	if table == "" || len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id FROM `+table+` WHERE owner_id = ? AND id IN (SELECT value FROM json_each(?))`,
		owner, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	found, err := scanIDs(rows)
	if err != nil {
		return nil, err
	}
	keep := make(map[string]bool, len(found))
	for _, id := range found {
		keep[id] = true
	}
	out := ids[:0:0]
	for _, id := range ids {
		if keep[id] {
			out = append(out, id)
		}
	}
	return out, nil
}
