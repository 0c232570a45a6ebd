package store

import (
	"context"
	"fmt"
)

// Tag labels contacts, companies and deals; names are unique regardless of case.
type Tag struct {
	ID    string
	Name  string
	Key   string // case-folded name
	Color string
	// Version is bumped by each rename or recolour (the API's optimistic
	// check); read by TagByID and ListTags.
	Version int
}

// TagCount is a tag with how many live records carry it.
type TagCount struct {
	Tag
	Contacts  int
	Companies int
}

// tagLinks maps a record kind to its link table and column.
var tagLinks = map[string]struct{ table, column, records string }{
	"contact": {"contact_tags", "contact_id", "contacts"},
	"company": {"company_tags", "company_id", "companies"},
	"deal":    {"deal_tags", "deal_id", "deals"},
}

func tagLink(kind string) (table, column, records string) {
	l, ok := tagLinks[kind]
	if !ok {
		panic(fmt.Sprintf("no tags for %q", kind)) // a programming mistake
	}
	return l.table, l.column, l.records
}

// TagByKey finds a tag by its case-folded name.
func TagByKey(ctx context.Context, q Querier, key string) (Tag, error) {
	var t Tag
	err := q.QueryRowContext(ctx, `SELECT id, name, name_key, color, version FROM tags WHERE name_key = ?`, key).Scan(&t.ID, &t.Name, &t.Key, &t.Color, &t.Version)
	return t, translate(err)
}

// TagByID loads one tag.
func TagByID(ctx context.Context, q Querier, id string) (Tag, error) {
	var t Tag
	err := q.QueryRowContext(ctx, `SELECT id, name, name_key, color, version FROM tags WHERE id = ?`, id).Scan(&t.ID, &t.Name, &t.Key, &t.Color, &t.Version)
	return t, translate(err)
}

// InsertTag adds a tag.
func InsertTag(ctx context.Context, tx *Tx, t Tag) error {
	_, err := tx.exec(ctx, `INSERT INTO tags (id, name, name_key, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		t.ID, t.Name, t.Key, t.Color, FormatTime(tx.Now), FormatTime(tx.Now))
	return translate(err)
}

// UpdateTag renames or recolours a tag.
func UpdateTag(ctx context.Context, tx *Tx, t Tag) error {
	res, err := tx.exec(ctx, `UPDATE tags SET name = ?, name_key = ?, color = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		t.Name, t.Key, t.Color, FormatTime(tx.Now), t.ID)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// DeleteTag removes a tag, its links and its kept counts.
func DeleteTag(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.exec(ctx, `DELETE FROM tags WHERE id = ?`, id)
	if err != nil {
		return translate(err)
	}
	if err := mustAffect(res); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `DELETE FROM list_counts WHERE kind IN ('contacts.tag', 'companies.tag') AND key = ?`, id)
	return translate(err)
}

// MergeTag moves every link of tag from onto tag into, then deletes from.
func MergeTag(ctx context.Context, tx *Tx, from, into string) error {
	for _, l := range tagLinks {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO `+l.table+` (tag_id, `+l.column+`)
			SELECT ?, `+l.column+` FROM `+l.table+` WHERE tag_id = ?`, into, from); err != nil {
			return translate(err)
		}
	}
	return DeleteTag(ctx, tx, from)
}

// SetTags replaces the tags of one record.
func SetTags(ctx context.Context, tx *Tx, kind, id string, tagIDs []string) error {
	table, column, _ := tagLink(kind)
	if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE `+column+` = ?`, id); err != nil {
		return translate(err)
	}
	for _, tagID := range tagIDs {
		if err := AddTag(ctx, tx, kind, id, tagID); err != nil {
			return err
		}
	}
	return nil
}

// AddTag links one tag to one record; linking twice is harmless.
func AddTag(ctx context.Context, tx *Tx, kind, id, tagID string) error {
	table, column, _ := tagLink(kind)
	_, err := tx.exec(ctx, `INSERT OR IGNORE INTO `+table+` (tag_id, `+column+`) VALUES (?, ?)`, tagID, id)
	return translate(err)
}

// TagsOf returns the tags of each of the records ids, sorted by name.
func TagsOf(ctx context.Context, q Querier, kind string, ids []string) (map[string][]Tag, error) {
	out := map[string][]Tag{}
	if len(ids) == 0 {
		return out, nil
	}
	table, column, _ := tagLink(kind)
	rows, err := q.QueryContext(ctx, `SELECT l.`+column+`, t.id, t.name, t.name_key, t.color FROM `+table+` l
		JOIN tags t ON t.id = l.tag_id WHERE l.`+column+` IN (SELECT value FROM json_each(?)) ORDER BY t.name_key`, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var t Tag
		if err := rows.Scan(&id, &t.ID, &t.Name, &t.Key, &t.Color); err != nil {
			return nil, err
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}

// ListTags returns every tag with how many live contacts and companies
// carry it, by name.
func ListTags(ctx context.Context, q Querier) ([]TagCount, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.name, t.name_key, t.color, t.version,
		coalesce((SELECT n FROM list_counts WHERE kind = 'contacts.tag' AND key = t.id), 0),
		coalesce((SELECT n FROM list_counts WHERE kind = 'companies.tag' AND key = t.id), 0)
		FROM tags t ORDER BY t.name_key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var t TagCount
		if err := rows.Scan(&t.ID, &t.Name, &t.Key, &t.Color, &t.Version, &t.Contacts, &t.Companies); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
