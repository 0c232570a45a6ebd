package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rolo/store"
)

// webhookBacklog fills one endpoint's outbox with delivered history and
// pending messages about a few records, as a busy endpoint has after a
// while and an import.
func webhookBacklog(tb testing.TB, delivered, pending int) *store.DB {
	tb.Helper()
	ctx := context.Background()
	db := MustOpenDB(tb)
	err := db.Write(ctx, func(tx *store.Tx) error {
		if err := store.InsertWebhook(ctx, tx, store.Webhook{ID: "hook", URL: "https://example.com/", Events: `["*"]`, Secret: "whsec_x"}, ""); err != nil {
			return err
		}
		for i := range delivered + pending {
			id := fmt.Sprintf("msg_%07d", i)
			body := fmt.Sprintf(`{"type":"contact.updated","data":{"entity":"contact","entity_id":"c%d"}}`, i%(pending/4+1))
			if err := store.InsertWebhookMessage(ctx, tx, store.WebhookMessage{ID: id, WebhookID: "hook", Event: "contact.updated", Payload: body}); err != nil {
				return err
			}
			if i < delivered {
				if err := store.SetWebhookMessage(ctx, tx, id, "delivered", 1, tx.Now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// TestWebhookDueQueryUsesTheRecordIndex: the per-record order check looks
// up the pending messages of one endpoint and record in its own index,
// not the endpoint's whole history, and lets only each record's first
// pending message go.
func TestWebhookDueQueryUsesTheRecordIndex(t *testing.T) {
	t.Parallel()
	db := webhookBacklog(t, 2000, 40)
	query := `SELECT 1 FROM webhook_messages e
		WHERE e.webhook_id = ? AND e.status = 'pending' AND e.rowid < ?
		AND json_extract(e.payload, '$.data.entity') = ? AND json_extract(e.payload, '$.data.entity_id') = ?`
	plan := strings.Join(queryPlan(t, db, query, []any{"hook", 5, "contact", "c1"}), "\n")
	if !strings.Contains(plan, "USING INDEX webhook_messages_pending_record") {
		t.Errorf("the order check does not use webhook_messages_pending_record:\n%s", plan)
	}
	due, err := store.DueWebhookMessages(context.Background(), db.Reader(), time.Now().Add(time.Hour), 200)
	if err != nil {
		t.Fatal(err)
	}
	records := map[string]bool{}
	for _, m := range due {
		if m.Status != "pending" {
			t.Errorf("%s is %s", m.ID, m.Status)
		}
		key := m.Payload[strings.Index(m.Payload, `"entity_id"`):]
		if records[key] {
			t.Errorf("two messages about one record due at once: %s", key)
		}
		records[key] = true
	}
	if len(due) != 11 { // 40 pending about 11 records (c0…c10): the first of each
		t.Errorf("%d due, want 11", len(due))
	}
}

// BenchmarkWebhookDue is one delivery pass's query on an endpoint with
// 100,000 delivered messages and 2,000 pending about 501 records.
func BenchmarkWebhookDue(b *testing.B) {
	db := webhookBacklog(b, 100_000, 2000)
	later := time.Now().Add(time.Hour)
	for b.Loop() {
		if _, err := store.DueWebhookMessages(context.Background(), db.Reader(), later, 200); err != nil {
			b.Fatal(err)
		}
	}
}
