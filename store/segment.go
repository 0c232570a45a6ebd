package store

import (
	"context"
	"time"
)

// Segment is a saved filter: a query in the filter syntax with a name.
type Segment struct {
	ID        string
	Entity    string
	Name      string
	Query     string
	Shared    bool
	OwnerID   string
	Version   int // bumped by each change (the API's optimistic check)
	CreatedAt time.Time
	UpdatedAt time.Time
}

const segmentColumns = `id, entity, name, query, shared, coalesce(owner_id, ''), version, created_at, updated_at`

func scanSegment(row rowScanner) (Segment, error) {
	var s Segment
	var created, updated string
	err := row.Scan(&s.ID, &s.Entity, &s.Name, &s.Query, &s.Shared, &s.OwnerID, &s.Version, &created, &updated)
	s.CreatedAt, s.UpdatedAt = ParseTime(created), ParseTime(updated)
	return s, translate(err)
}

// Segments lists the segments a user sees: the team's shared ones and
// their own; entity "" lists every entity's.
func Segments(ctx context.Context, q Querier, userID, entity string) ([]Segment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+segmentColumns+` FROM segments
		WHERE (shared = 1 OR owner_id = ?) AND (? = '' OR entity = ?) ORDER BY entity, name`, userID, entity, entity)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Segment
	for rows.Next() {
		s, err := scanSegment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SegmentByID loads one segment.
func SegmentByID(ctx context.Context, q Querier, id string) (Segment, error) {
	return scanSegment(q.QueryRowContext(ctx, `SELECT `+segmentColumns+` FROM segments WHERE id = ?`, id))
}

// PutSegment inserts or updates a segment.
func PutSegment(ctx context.Context, tx *Tx, s Segment) error {
	now := FormatTime(tx.Now)
	_, err := tx.exec(ctx, `INSERT INTO segments (id, entity, name, query, shared, owner_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, query = excluded.query, shared = excluded.shared, updated_at = excluded.updated_at,
			version = segments.version + 1`,
		s.ID, s.Entity, s.Name, s.Query, s.Shared, nullString(s.OwnerID), now, now)
	return translate(err)
}

// DeleteSegment removes a segment.
func DeleteSegment(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM segments WHERE id = ?`, id)
	return translate(err)
}

// SegmentsNamed lists the segments of entity called name (case aside),
// shared ones first, for the CLI's --segment NAME.
func SegmentsNamed(ctx context.Context, q Querier, entity, name string) ([]Segment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+segmentColumns+` FROM segments WHERE entity = ? AND lower(name) = lower(?) ORDER BY shared DESC, id`,
		entity, name)
	if err != nil {
		return nil, err
	}
	var out []Segment
	err = eachRow(rows, func() error {
		s, err := scanSegment(rows)
		out = append(out, s)
		return err
	})
	return out, err
}
