package store

import (
	"context"
	"time"
)

// KeepDealTimes gives a deal a migration has just created the other
// CRM's times: when it entered its stage (also the time of its one stage
// history entry) and, closed, when it was won or lost; a zero time keeps
// the transaction's.
func KeepDealTimes(ctx context.Context, tx *Tx, id string, entered, closed time.Time) error {
	if !closed.IsZero() {
		if _, err := tx.exec(ctx, `UPDATE deals SET closed_at = ? WHERE id = ? AND closed_at IS NOT NULL`, FormatTime(closed), id); err != nil {
			return translate(err)
		}
	}
	if entered.IsZero() {
		return nil
	}
	if _, err := tx.exec(ctx, `UPDATE deals SET stage_entered_at = ? WHERE id = ?`, FormatTime(entered), id); err != nil {
		return translate(err)
	}
	_, err := tx.exec(ctx, `UPDATE deal_stage_history SET at = ? WHERE deal_id = ?`, FormatTime(entered), id)
	return translate(err)
}
