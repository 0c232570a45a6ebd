package store

import "context"

// The API changes an endpoint after it is made (the settings page only
// switches it on and off).

// UpdateWebhook saves an endpoint's URL, description and events.
func UpdateWebhook(ctx context.Context, tx *Tx, w Webhook) error {
	res, err := tx.ExecContext(ctx, `UPDATE webhooks SET url = ?, description = ?, events = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		w.URL, w.Description, w.Events, FormatTime(tx.Now), w.ID)
	return changedOne(res, err)
}
