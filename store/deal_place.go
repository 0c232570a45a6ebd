package store

import (
	"context"
	"errors"
)

// Place says where a card goes in a board column: right after the card
// After, right before the card Before, at the Bottom, or else at the top.
// Neighbours are read inside the writer's transaction, so two people
// dropping cards into the same gap at once get two different ranks: the
// second sees the first's card and lands beside it.
type Place struct {
	After  string
	Before string
	Bottom bool
}

// RankIn returns a free rank for deal id at place p in the column of
// stageID, ignoring where id itself is now. A neighbour that is not a live
// card of that column (moved away meanwhile) is ignored: the card goes to
// the top, or the bottom for Bottom. When the ranks around the place have
// grown long, the column is renumbered first.
func RankIn(ctx context.Context, tx *Tx, stageID, id string, p Place) (string, error) {
	rank, err := rankIn(ctx, tx, stageID, id, p)
	if err != nil || len(rank) <= maxRankLen {
		return rank, err
	}
	if err := renumberColumn(ctx, tx, stageID); err != nil {
		return "", err
	}
	return rankIn(ctx, tx, stageID, id, p)
}

func rankIn(ctx context.Context, tx *Tx, stageID, id string, p Place) (string, error) {
	if p.After != "" && p.After != id {
		a, err := cardRank(ctx, tx, stageID, p.After)
		if err != nil || a != "" {
			return between(ctx, tx, stageID, id, a, "", err)
		}
	}
	if p.Before != "" && p.Before != id {
		b, err := cardRank(ctx, tx, stageID, p.Before)
		if err != nil || b != "" {
			return between(ctx, tx, stageID, id, "", b, err)
		}
	}
	if p.Bottom {
		a, err := neighbourRank(ctx, tx, `1 ORDER BY position DESC`, stageID, id)
		return between(ctx, tx, stageID, id, a, "", err)
	}
	b, err := neighbourRank(ctx, tx, `1 ORDER BY position`, stageID, id)
	return between(ctx, tx, stageID, id, "", b, err)
}

// between finds the rank right after a (when b is "") or right before b
// (when a is ""), reading the other neighbour; with both "", the column
// holds no other card.
func between(ctx context.Context, tx *Tx, stageID, id, a, b string, err error) (string, error) {
	switch {
	case err != nil:
		return "", err
	case a != "":
		b, err = neighbourRank(ctx, tx, `position > ? ORDER BY position`, stageID, id, a)
	case b != "":
		a, err = neighbourRank(ctx, tx, `position < ? ORDER BY position DESC`, stageID, id, b)
	}
	if err != nil {
		return "", err
	}
	return RankBetween(a, b)
}

// cardRank is the rank of a live card in the column, or "" when it is not
// one.
func cardRank(ctx context.Context, tx *Tx, stageID, id string) (string, error) {
	var rank string
	err := tx.QueryRowContext(ctx, `SELECT position FROM deals WHERE id = ? AND stage_id = ? AND deleted_at IS NULL`, id, stageID).Scan(&rank)
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return rank, err
}

// neighbourRank is the first rank of the column, other than the card
// skip's, matching cond (which ends in its ORDER BY); "" when none.
func neighbourRank(ctx context.Context, tx *Tx, cond, stageID, skip string, args ...any) (string, error) {
	var rank string
	err := tx.QueryRowContext(ctx, `SELECT position FROM deals WHERE stage_id = ? AND deleted_at IS NULL AND id <> ? AND `+cond+` LIMIT 1`,
		append([]any{stageID, skip}, args...)...).Scan(&rank)
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return rank, err
}

// renumberColumn spreads the ranks of a column evenly, keeping the order.
// Ranks are unique among live cards and SQLite checks that row by row, so
// every card first takes a temporary rank of its own ("~" sorts after any
// digit, and ids are unique), then its new one.
func renumberColumn(ctx context.Context, tx *Tx, stageID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM deals WHERE stage_id = ? AND deleted_at IS NULL ORDER BY position`, stageID)
	if err != nil {
		return err
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE deals SET position = '~' || id WHERE stage_id = ? AND deleted_at IS NULL`, stageID); err != nil {
		return translate(err)
	}
	for i, rank := range spreadRanks(len(ids)) {
		if err := SetDealPosition(ctx, tx, ids[i], rank); err != nil {
			return err
		}
	}
	return nil
}
