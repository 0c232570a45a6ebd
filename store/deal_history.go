package store

import (
	"context"
	"database/sql"
	"time"
)

// StageChange is one stage a deal entered: from FromStageID (empty when
// the deal was created there), to ToStageID, when and by whom.
type StageChange struct {
	ID          string
	DealID      string
	FromStageID string
	ToStageID   string // empty only when the stage was purged since
	At          time.Time
	By          string
	ByName      string
}

// InsertStageChange records that a deal entered a stage, at the
// transaction's time unless c.At is set (demo data).
func InsertStageChange(ctx context.Context, tx *Tx, c StageChange) error {
	_, err := tx.exec(ctx, `INSERT INTO deal_stage_history (id, deal_id, from_stage_id, to_stage_id, at, moved_by)
		VALUES (?, ?, ?, ?, ?, ?)`, c.ID, c.DealID, nullString(c.FromStageID), nullString(c.ToStageID), orNow(c.At, tx), nullString(c.By))
	return translate(err)
}

// StageChanges lists a deal's stage changes, oldest first.
func StageChanges(ctx context.Context, q Querier, dealID string) ([]StageChange, error) {
	rows, err := q.QueryContext(ctx, `SELECT h.id, h.deal_id, coalesce(h.from_stage_id, ''), coalesce(h.to_stage_id, ''), h.at,
		coalesce(h.moved_by, ''), coalesce(u.name, '')
		FROM deal_stage_history h LEFT JOIN users u ON u.id = h.moved_by WHERE h.deal_id = ? ORDER BY h.at, h.id`, dealID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StageChange
	for rows.Next() {
		var c StageChange
		var at string
		if err := rows.Scan(&c.ID, &c.DealID, &c.FromStageID, &c.ToStageID, &at, &c.By, &c.ByName); err != nil {
			return nil, err
		}
		c.At = ParseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastOpenStage is the most recent stage the deal left that is still a
// live, open stage of pipelineID: where a reopened deal goes back to.
func LastOpenStage(ctx context.Context, q Querier, dealID, pipelineID string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT s.id FROM deal_stage_history h JOIN stages s ON s.id = h.from_stage_id
		WHERE h.deal_id = ? AND s.pipeline_id = ? AND s.kind = 'open' AND s.deleted_at IS NULL AND s.archived_at IS NULL
		ORDER BY h.at DESC, h.id DESC LIMIT 1`, dealID, pipelineID).Scan(&id)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return id, err
}
