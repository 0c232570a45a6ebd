package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
)

// mergeLink is one kind of thing that hangs off a contact or company and
// follows the survivor of a merge: a row of table whose owner column
// holds the record and whose key column names the thing.
type mergeLink struct {
	name  string
	table string
	owner string
	key   string
	scope string // more of the WHERE, or ""
	// columns and copyFrom re-create a link row for another owner (the ?),
	// for link tables where both records may hold the same thing; "" for
	// things that belong to one record (a deal's primary contact).
	columns, copyFrom string
	// keepShared leaves the merged record's row where the survivor has
	// its own (custom values): nothing is deleted, so nothing to restore.
	keepShared bool
}

var mergeLinks = map[string][]mergeLink{
	"contact": {
		{name: "activities", table: "activity_links", owner: "entity_id", key: "activity_id", scope: "entity = 'contact'",
			columns: "entity, entity_id, activity_id, occurred_at", copyFrom: "entity, ?, activity_id, occurred_at"},
		{name: "tasks", table: "task_links", owner: "entity_id", key: "task_id", scope: "entity = 'contact'",
			columns: "entity, entity_id, task_id", copyFrom: "entity, ?, task_id"},
		{name: "deals", table: "deals", owner: "contact_id", key: "id"},
		{name: "deal_contacts", table: "deal_contacts", owner: "contact_id", key: "deal_id",
			columns: "deal_id, contact_id, position", copyFrom: "deal_id, ?, position"},
		{name: "tags", table: "contact_tags", owner: "contact_id", key: "tag_id", columns: "tag_id, contact_id", copyFrom: "tag_id, ?"},
		{name: "history", table: "audit_log", owner: "entity_id", key: "id", scope: "entity = 'contact'"},
		{name: "custom", table: "custom_values", owner: "record_id", key: "field_id", keepShared: true},
	},
	"company": {
		{name: "activities", table: "activity_links", owner: "entity_id", key: "activity_id", scope: "entity = 'company'",
			columns: "entity, entity_id, activity_id, occurred_at", copyFrom: "entity, ?, activity_id, occurred_at"},
		{name: "tasks", table: "task_links", owner: "entity_id", key: "task_id", scope: "entity = 'company'",
			columns: "entity, entity_id, task_id", copyFrom: "entity, ?, task_id"},
		{name: "contacts", table: "contacts", owner: "company_id", key: "id"},
		{name: "deals", table: "deals", owner: "company_id", key: "id"},
		{name: "tags", table: "company_tags", owner: "company_id", key: "tag_id", columns: "tag_id, company_id", copyFrom: "tag_id, ?"},
		{name: "history", table: "audit_log", owner: "entity_id", key: "id", scope: "entity = 'company'"},
		{name: "custom", table: "custom_values", owner: "record_id", key: "field_id", keepShared: true},
	},
}

func (l mergeLink) where(owner string) string {
	w := " WHERE " + l.owner + " = ?"
	if l.scope != "" {
		w += " AND " + l.scope
	}
	return w
}

// MergeLinks is what a merge moved, so an undo can move it back: per link
// kind, the keys the merged record had, and those the survivor had too.
type MergeLinks struct {
	Had    map[string][]string `json:"had"`
	Shared map[string][]string `json:"shared"`
}

// MoveLinks moves everything that hangs off record from (a contact or a
// company) to record to inside tx, and returns what it moved: links both
// held stay once on the survivor, custom values move only for fields the
// survivor has none in, and from's history joins to's.
func MoveLinks(ctx context.Context, tx *Tx, entity, from, to string) (MergeLinks, error) {
	moved := MergeLinks{Had: map[string][]string{}, Shared: map[string][]string{}}
	for _, l := range mergeLinks[entity] {
		had, err := linkKeys(ctx, tx, l, from)
		if err != nil {
			return moved, err
		}
		if len(had) == 0 {
			continue
		}
		moved.Had[l.name] = had
		if l.columns != "" || l.keepShared {
			// The keys both hold: for custom values, fields with a value on both.
			rows, err := tx.QueryContext(ctx, `SELECT DISTINCT `+l.key+` FROM `+l.table+l.where(to)+
				` AND `+l.key+` IN (SELECT value FROM json_each(?))`, to, jsonList(had))
			if err != nil {
				return moved, translate(err)
			}
			shared, err := scanIDs(rows)
			if err != nil {
				return moved, err
			}
			if len(shared) > 0 {
				moved.Shared[l.name] = shared
			}
		}
		update := `UPDATE OR IGNORE ` + l.table + ` SET ` + l.owner + ` = ?` + l.where(from)
		args := []any{to, from}
		if l.keepShared {
			update += ` AND ` + l.key + ` NOT IN (SELECT value FROM json_each(?))`
			args = append(args, jsonList(moved.Shared[l.name]))
		}
		if _, err := tx.ExecContext(ctx, update, args...); err != nil {
			return moved, translate(err)
		}
		if l.columns != "" { // rows left behind were already on the survivor
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+l.table+l.where(from), from); err != nil {
				return moved, translate(err)
			}
		}
	}
	return moved, nil
}

// UnmoveLinks undoes MoveLinks: what moved goes back from survivor to
// merged, and links both held are given back to merged. Links the
// survivor gained or lost since are left as they are.
func UnmoveLinks(ctx context.Context, tx *Tx, entity, merged, survivor string, links MergeLinks) error {
	for _, l := range mergeLinks[entity] {
		had := links.Had[l.name]
		if len(had) == 0 {
			continue
		}
		shared := map[string]bool{}
		for _, k := range links.Shared[l.name] {
			shared[k] = true
		}
		var moved, both []string
		for _, k := range had {
			if shared[k] {
				both = append(both, k)
			} else {
				moved = append(moved, k)
			}
		}
		in := ` AND ` + l.key + ` IN (SELECT value FROM json_each(?))`
		if len(moved) > 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE `+l.table+` SET `+l.owner+` = ?`+l.where(survivor)+in,
				merged, survivor, jsonList(moved)); err != nil {
				return translate(err)
			}
			if l.columns != "" { // a row that could not move is on both now; the survivor never had it
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+l.table+l.where(survivor)+in, survivor, jsonList(moved)); err != nil {
					return translate(err)
				}
			}
		}
		if len(both) > 0 && l.columns != "" {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO `+l.table+` (`+l.columns+`) SELECT `+l.copyFrom+
				` FROM `+l.table+l.where(survivor)+in, merged, survivor, jsonList(both)); err != nil {
				return translate(err)
			}
		}
	}
	return nil
}

func linkKeys(ctx context.Context, tx *Tx, l mergeLink, owner string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT `+l.key+` FROM `+l.table+l.where(owner)+` ORDER BY 1`, owner)
	if err != nil {
		return nil, translate(err)
	}
	return scanIDs(rows)
}

func jsonList(s []string) string {
	if s == nil {
		return "[]"
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// Merge is one recorded merge of two contacts or two companies.
type Merge struct {
	ID              string
	Entity          string
	SurvivorID      string
	MergedID        string
	SurvivorName    string
	MergedName      string
	SurvivorVersion int
	SurvivorBefore  json.RawMessage
	Links           MergeLinks
	At              string
	ActorID         string
	UndoneAt        string
}

// PutMerge records a merge.
func PutMerge(ctx context.Context, tx *Tx, m Merge) error {
	links, err := json.Marshal(m.Links)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO merges (id, entity, survivor_id, merged_id, survivor_name, merged_name,
		survivor_version, survivor_before, links, at, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.Entity, m.SurvivorID, m.MergedID, m.SurvivorName, m.MergedName, m.SurvivorVersion, string(m.SurvivorBefore),
		string(links), m.At, nullString(m.ActorID))
	return translate(err)
}

const mergeColumns = `id, entity, survivor_id, merged_id, survivor_name, merged_name, survivor_version, survivor_before,
	links, at, coalesce(actor_id, ''), coalesce(undone_at, '')`

func scanMerge(scan func(...any) error) (Merge, error) {
	var m Merge
	var before, links string
	if err := scan(&m.ID, &m.Entity, &m.SurvivorID, &m.MergedID, &m.SurvivorName, &m.MergedName, &m.SurvivorVersion,
		&before, &links, &m.At, &m.ActorID, &m.UndoneAt); err != nil {
		return m, err
	}
	m.SurvivorBefore = json.RawMessage(before)
	return m, json.Unmarshal([]byte(links), &m.Links)
}

// MergeByID loads one merge.
func MergeByID(ctx context.Context, q Querier, id string) (Merge, error) {
	m, err := scanMerge(q.QueryRowContext(ctx, `SELECT `+mergeColumns+` FROM merges WHERE id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	return m, translate(err)
}

// RecentMerges lists the merges of entity not undone since `since`, newest first.
func RecentMerges(ctx context.Context, q Querier, entity, since string, limit int) ([]Merge, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+mergeColumns+` FROM merges WHERE entity = ? AND undone_at IS NULL AND at >= ? ORDER BY id DESC LIMIT ?`, entity, since, limit)
	if err != nil {
		return nil, translate(err)
	}
	var out []Merge
	err = eachRow(rows, func() error {
		m, err := scanMerge(rows.Scan)
		out = append(out, m)
		return err
	})
	return out, err
}

// MarkMergeUndone stamps a merge as undone, once.
func MarkMergeUndone(ctx context.Context, tx *Tx, id, at string) error {
	res, err := tx.ExecContext(ctx, `UPDATE merges SET undone_at = ? WHERE id = ? AND undone_at IS NULL`, at, id)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ForgetMerges deletes the merge records of a record that is erased: they
// keep its fields as they were, and an undo must not bring it back.
func ForgetMerges(ctx context.Context, tx *Tx, entity, id string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM merges WHERE entity = ? AND (survivor_id = ?2 OR merged_id = ?2)`, entity, id)
	return translate(err)
}
