package store

import (
	"context"
	"time"
)

// Webhook is an outgoing webhook endpoint.
type Webhook struct {
	ID             string
	URL            string
	Description    string
	Events         string // JSON array
	Secret         string
	Enabled        bool
	Failures       int
	DisabledReason string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	CreatedBy      string
	Version        int // bumped by each change an admin makes (the API's optimistic check)
}

const webhookColumns = `id, url, description, events, secret, enabled, failures, disabled_reason, created_at, updated_at, COALESCE(created_by, ''), version`

func scanWebhook(row rowScanner) (Webhook, error) {
	var w Webhook
	var created, updated string
	if err := row.Scan(&w.ID, &w.URL, &w.Description, &w.Events, &w.Secret, &w.Enabled, &w.Failures, &w.DisabledReason, &created, &updated, &w.CreatedBy, &w.Version); err != nil {
		return Webhook{}, translate(err)
	}
	w.CreatedAt, w.UpdatedAt = ParseTime(created), ParseTime(updated)
	return w, nil
}

// InsertWebhook stores a new endpoint.
func InsertWebhook(ctx context.Context, tx *Tx, w Webhook, by string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO webhooks (id, url, description, events, secret, enabled, created_at, updated_at, created_by)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`, w.ID, w.URL, w.Description, w.Events, w.Secret, FormatTime(tx.Now), FormatTime(tx.Now), nullString(by))
	return translate(err)
}

// SetWebhookEnabled switches an endpoint on (clearing its failures) or off
// with a reason.
func SetWebhookEnabled(ctx context.Context, tx *Tx, id string, enabled bool, reason string) error {
	res, err := tx.ExecContext(ctx, `UPDATE webhooks SET enabled = ?, disabled_reason = ?, failures = CASE WHEN ? THEN 0 ELSE failures END, updated_at = ?,
		version = version + 1 WHERE id = ?`,
		enabled, reason, enabled, FormatTime(tx.Now), id)
	return changedOne(res, err)
}

// DeleteWebhook removes an endpoint with its messages and log.
func DeleteWebhook(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM webhooks WHERE id = ?`, id)
	return changedOne(res, err)
}

// WebhookByID loads one endpoint.
func WebhookByID(ctx context.Context, q Querier, id string) (Webhook, error) {
	return scanWebhook(q.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE id = ?`, id))
}

// Webhooks lists every endpoint.
func Webhooks(ctx context.Context, q Querier) ([]Webhook, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+webhookColumns+` FROM webhooks ORDER BY created_at, id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, translate(rows.Err())
}

// WebhookFailed counts a message that gave up; WebhookSucceeded resets the
// count.
func WebhookFailed(ctx context.Context, tx *Tx, id string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `UPDATE webhooks SET failures = failures + 1 WHERE id = ? RETURNING failures`, id).Scan(&n)
	return n, translate(err)
}

// WebhookSucceeded resets an endpoint's failure count.
func WebhookSucceeded(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `UPDATE webhooks SET failures = 0 WHERE id = ? AND failures > 0`, id)
	return translate(err)
}

// WebhookMessage is one event on its way to one endpoint.
type WebhookMessage struct {
	ID            string
	WebhookID     string
	Event         string
	Payload       string
	Status        string // pending, delivered, failed
	Attempts      int
	NextAttemptAt time.Time
	CreatedAt     time.Time
}

// InsertWebhookMessage puts a message in the outbox.
func InsertWebhookMessage(ctx context.Context, tx *Tx, m WebhookMessage) error {
	_, err := tx.exec(ctx, `INSERT INTO webhook_messages (id, webhook_id, event, payload, status, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, 'pending', ?, ?)`, m.ID, m.WebhookID, m.Event, m.Payload, FormatTime(tx.Now), FormatTime(tx.Now))
	return translate(err)
}

const messageColumns = `id, webhook_id, event, payload, status, attempts, next_attempt_at, created_at`

func scanMessage(row rowScanner) (WebhookMessage, error) {
	var m WebhookMessage
	var next, created string
	if err := row.Scan(&m.ID, &m.WebhookID, &m.Event, &m.Payload, &m.Status, &m.Attempts, &next, &created); err != nil {
		return m, translate(err)
	}
	m.NextAttemptAt, m.CreatedAt = ParseTime(next), ParseTime(created)
	return m, nil
}

func listMessages(ctx context.Context, q Querier, query string, args ...any) ([]WebhookMessage, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []WebhookMessage
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, translate(rows.Err())
}

// DueWebhookMessages lists pending messages whose attempt is due, except
// those that must wait their turn: a message about a record (the
// payload's data.entity and data.entity_id) waits while an earlier message
// about the same record to the same endpoint is still pending, retries
// included, so that one record's events arrive in the order they
// happened. Messages are inserted in order, so the rowid says which is
// earlier (created_at alone ties within a transaction); the index
// webhook_messages_pending_record (migration 0020) finds that earlier one.
func DueWebhookMessages(ctx context.Context, q Querier, now time.Time, limit int) ([]WebhookMessage, error) {
	return listMessages(ctx, q, `SELECT `+messageColumns+` FROM webhook_messages m
		WHERE status = 'pending' AND next_attempt_at <= ?
		AND NOT EXISTS (SELECT 1 FROM webhook_messages e
			WHERE e.webhook_id = m.webhook_id AND e.status = 'pending' AND e.rowid < m.rowid
			AND json_extract(e.payload, '$.data.entity') = json_extract(m.payload, '$.data.entity')
			AND json_extract(e.payload, '$.data.entity_id') = json_extract(m.payload, '$.data.entity_id'))
		ORDER BY next_attempt_at, rowid LIMIT ?`, FormatTime(now), limit)
}

// WebhookMessagesOf lists an endpoint's latest messages, newest first.
func WebhookMessagesOf(ctx context.Context, q Querier, webhookID string, limit int) ([]WebhookMessage, error) {
	return listMessages(ctx, q, `SELECT `+messageColumns+` FROM webhook_messages WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, webhookID, limit)
}

// WebhookMessageByID loads one message.
func WebhookMessageByID(ctx context.Context, q Querier, id string) (WebhookMessage, error) {
	return scanMessage(q.QueryRowContext(ctx, `SELECT `+messageColumns+` FROM webhook_messages WHERE id = ?`, id))
}

// SetWebhookMessage records a message's state after an attempt.
func SetWebhookMessage(ctx context.Context, tx *Tx, id, status string, attempts int, next time.Time) error {
	_, err := tx.exec(ctx, `UPDATE webhook_messages SET status = ?, attempts = ?, next_attempt_at = ? WHERE id = ?`, status, attempts, FormatTime(next), id)
	return translate(err)
}

// Delivery is one attempt to deliver a message.
type Delivery struct {
	ID         string
	MessageID  string
	Attempt    int
	StatusCode int
	Error      string
	DurationMS int
	At         time.Time
}

// InsertDelivery logs an attempt.
func InsertDelivery(ctx context.Context, tx *Tx, d Delivery) error {
	_, err := tx.exec(ctx, `INSERT INTO webhook_deliveries (id, message_id, attempt, status_code, error, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.MessageID, d.Attempt, d.StatusCode, d.Error, d.DurationMS, FormatTime(tx.Now))
	return translate(err)
}

// DeliveriesOf lists a message's attempts, oldest first.
func DeliveriesOf(ctx context.Context, q Querier, messageID string) ([]Delivery, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, message_id, attempt, status_code, error, duration_ms, at FROM webhook_deliveries WHERE message_id = ? ORDER BY at, attempt`, messageID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		var at string
		if err := rows.Scan(&d.ID, &d.MessageID, &d.Attempt, &d.StatusCode, &d.Error, &d.DurationMS, &at); err != nil {
			return nil, translate(err)
		}
		d.At = ParseTime(at)
		out = append(out, d)
	}
	return out, translate(rows.Err())
}
