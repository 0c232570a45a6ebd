package store

import (
	"context"
	"database/sql"
)

// CurrencyRate is what one unit of Currency is worth in Base (the home
// currency when it was entered) from the day EffectiveOn (YYYY-MM-DD) on.
// Rate is a decimal string as the admin typed it.
type CurrencyRate struct {
	ID          string
	Base        string
	Currency    string
	EffectiveOn string
	Rate        string
}

// ListCurrencyRates lists the rates entered against base, by currency and
// then oldest day first (the order the app looks them up in). The table
// holds a handful of rows per currency, so it is read whole.
func ListCurrencyRates(ctx context.Context, q Querier, base string) ([]CurrencyRate, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, base, currency, effective_on, rate FROM currency_rates
		WHERE base = ? ORDER BY currency, effective_on`, base)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CurrencyRate
	for rows.Next() {
		var r CurrencyRate
		if err := rows.Scan(&r.ID, &r.Base, &r.Currency, &r.EffectiveOn, &r.Rate); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// GetCurrencyRate reads one rate.
func GetCurrencyRate(ctx context.Context, q Querier, id string) (CurrencyRate, error) {
	var r CurrencyRate
	err := q.QueryRowContext(ctx, `SELECT id, base, currency, effective_on, rate FROM currency_rates WHERE id = ?`, id).
		Scan(&r.ID, &r.Base, &r.Currency, &r.EffectiveOn, &r.Rate)
	if err == sql.ErrNoRows {
		return r, ErrNotFound
	}
	return r, err
}

// InsertCurrencyRate adds a rate; a second rate for the same currency and
// day answers ErrConflict.
func InsertCurrencyRate(ctx context.Context, tx *Tx, r CurrencyRate) error {
	now := FormatTime(tx.Now)
	_, err := tx.ExecContext(ctx, `INSERT INTO currency_rates (id, base, currency, effective_on, rate, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Base, r.Currency, r.EffectiveOn, r.Rate, now, now)
	return translate(err)
}

// UpdateCurrencyRate changes a rate's currency, day or value.
func UpdateCurrencyRate(ctx context.Context, tx *Tx, r CurrencyRate) error {
	res, err := tx.ExecContext(ctx, `UPDATE currency_rates SET currency = ?, effective_on = ?, rate = ?, updated_at = ? WHERE id = ?`,
		r.Currency, r.EffectiveOn, r.Rate, FormatTime(tx.Now), r.ID)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteCurrencyRate removes a rate.
func DeleteCurrencyRate(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM currency_rates WHERE id = ?`, id)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// DealCurrencies lists the currencies live deals use, for the currencies
// page to point out those without a rate.
func DealCurrencies(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT currency FROM deals WHERE deleted_at IS NULL ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
