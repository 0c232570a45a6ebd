package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// orderReceiver is an endpoint that refuses the first attempt of each
// message it names in failOnce (by event type and record), and keeps what
// it accepted in the order it arrived.
type orderReceiver struct {
	*httptest.Server
	mu       sync.Mutex
	tried    map[string]bool // webhook-id already refused once
	failOnce func(p app.WebhookPayload) bool
	attempts []string // "type record" of every request, accepted or not
	accepted []app.WebhookPayload
}

func newOrderReceiver(t *testing.T, failOnce func(app.WebhookPayload) bool) *orderReceiver {
	rc := &orderReceiver{tried: map[string]bool{}, failOnce: failOnce}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var p app.WebhookPayload
		_ = json.Unmarshal(body, &p)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.attempts = append(rc.attempts, p.Type+" "+p.Data.EntityID)
		id := r.Header.Get("webhook-id")
		if rc.failOnce(p) && !rc.tried[id] {
			rc.tried[id] = true
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		rc.accepted = append(rc.accepted, p)
	}))
	t.Cleanup(rc.Close)
	return rc
}

// received lists the accepted event types about one record, in order.
func (rc *orderReceiver) received(entityID string) []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []string
	for _, p := range rc.accepted {
		if p.Data.EntityID == entityID {
			out = append(out, p.Type)
		}
	}
	return out
}

func orderedWebhookApp(t *testing.T, failOnce func(app.WebhookPayload) bool) (*testApp, *orderReceiver) {
	t.Helper()
	ta := mustOpenApp(t)
	if err := ta.SetAllowPrivateWebhooks(t.Context(), nil, true); err != nil {
		t.Fatal(err)
	}
	rc := newOrderReceiver(t, failOnce)
	if _, err := ta.CreateWebhook(t.Context(), nil, app.WebhookInput{URL: rc.URL + "/hook",
		Events: []string{"contact.created", "contact.updated", "tag.added"}}); err != nil {
		t.Fatal(err)
	}
	return ta, rc
}

// TestWebhookOrderPerRecord: a contact created and at once updated, its
// contact.created refused on the first attempt. The update is not sent
// while the creation waits for its retry; after the retry both arrive,
// created first. Another record's events are not held up meanwhile.
func TestWebhookOrderPerRecord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("an update waits for its record's creation to be retried", func(t *testing.T) {
		is := is.New(t)
		ta, rc := orderedWebhookApp(t, func(p app.WebhookPayload) bool { return p.Type == "contact.created" })
		c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ordered"})
		is.NoErr(err)
		_, err = ta.UpdateContact(ctx, nil, c.ID, c.Version, app.ContactInput{FirstName: "Ordered", LastName: "Quickly"})
		is.NoErr(err)

		n, err := ta.DeliverWebhooks(ctx)
		is.NoErr(err)
		is.Equal(n, 1)                                             // only the creation was tried
		is.Equal(rc.attempts, []string{"contact.created " + c.ID}) // the update did not overtake it
		is.Equal(len(rc.received(c.ID)), 0)

		ta.clock.Add(6 * time.Second) // past the first backoff
		n, err = ta.DeliverWebhooks(ctx)
		is.NoErr(err)
		is.Equal(n, 2) // the retry, then the update it held back, in one pass
		is.Equal(rc.received(c.ID), []string{"contact.created", "contact.updated"})
	})

	t.Run("every message refused once: each record still in order, none held by another", func(t *testing.T) {
		is := is.New(t)
		ta, rc := orderedWebhookApp(t, func(app.WebhookPayload) bool { return true })
		a, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", Tags: []string{"vip"}})
		is.NoErr(err)
		b, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Bo"})
		is.NoErr(err)
		a, err = ta.UpdateContact(ctx, nil, a.ID, a.Version, app.ContactInput{FirstName: "Ana", LastName: "Lee", Tags: []string{"vip"}})
		is.NoErr(err)
		_, err = ta.UpdateContact(ctx, nil, a.ID, a.Version, app.ContactInput{FirstName: "Ana", LastName: "Lee", Notes: "again", Tags: []string{"vip"}})
		is.NoErr(err)
		for range 10 {
			_, err := ta.DeliverWebhooks(ctx)
			is.NoErr(err)
			ta.clock.Add(6 * time.Second)
		}
		is.Equal(rc.received(a.ID), []string{"contact.created", "tag.added", "contact.updated", "contact.updated"})
		is.Equal(rc.received(b.ID), []string{"contact.created"})
		// Bo's creation went out with Ana's on the second pass, not after
		// all of Ana's retries.
		rc.mu.Lock()
		defer rc.mu.Unlock()
		is.Equal(rc.accepted[0].Type, "contact.created")
		is.True(rc.accepted[0].Data.EntityID == b.ID || rc.accepted[1].Data.EntityID == b.ID)
	})
}
