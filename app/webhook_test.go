package app_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// receiver is a webhook endpoint on loopback that checks signatures the
// way a Standard Webhooks library does, from the secret alone.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	secret   string
	fail     bool
	got      []app.WebhookPayload
	ids      []string
	badSigns int
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(rc.secret, "whsec_"))
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(r.Header.Get("webhook-id") + "." + r.Header.Get("webhook-timestamp") + "." + string(body)))
		want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
		if !hmac.Equal([]byte(want), []byte(r.Header.Get("webhook-signature"))) {
			rc.badSigns++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if rc.fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var p app.WebhookPayload
		_ = json.Unmarshal(body, &p)
		rc.got = append(rc.got, p)
		rc.ids = append(rc.ids, r.Header.Get("webhook-id"))
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) count() int { rc.mu.Lock(); defer rc.mu.Unlock(); return len(rc.got) }

func webhookApp(t *testing.T, allowPrivate bool) (*testApp, *receiver, app.NewWebhook) {
	t.Helper()
	ta := mustOpenApp(t)
	if allowPrivate {
		if err := ta.SetAllowPrivateWebhooks(t.Context(), nil, true); err != nil {
			t.Fatal(err)
		}
	}
	rc := newReceiver(t)
	w, err := ta.CreateWebhook(t.Context(), nil, app.WebhookInput{URL: rc.URL + "/hook", Events: []string{"contact.created", "tag.added"}})
	if err != nil {
		t.Fatal(err)
	}
	rc.secret = w.Secret
	return ta, rc, w
}

func TestWebhookDeliverySigned(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, rc, w := webhookApp(t, true)
	is.True(strings.HasPrefix(w.Secret, "whsec_"))
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Hook", Tags: []string{"vip"}})
	is.NoErr(err)
	_, err = ta.CreateCompany(ctx, nil, app.CompanyInput{Name: "Not subscribed"})
	is.NoErr(err)
	n, err := ta.DeliverWebhooks(ctx)
	is.NoErr(err)
	is.Equal(n, 2)
	is.Equal(rc.badSigns, 0) // the receiver verified both signatures
	is.Equal(rc.count(), 2)
	byType := map[string]app.WebhookPayload{}
	for _, p := range rc.got {
		byType[p.Type] = p // by type: the test names each
	}
	is.Equal(byType["contact.created"].Data.EntityID, c.ID)
	is.Equal(byType["tag.added"].Data.Tag, "vip")
	is.True(strings.HasPrefix(rc.ids[0], "msg_"))
	n, err = ta.DeliverWebhooks(ctx)
	is.NoErr(err)
	is.Equal(n, 0) // delivered once

	// a signature check fails on a changed body or another secret
	sig, err := app.SignWebhook(w.Secret, "msg_1", 1700000000, []byte(`{"a":1}`))
	is.NoErr(err)
	other, _ := app.SignWebhook(w.Secret, "msg_1", 1700000000, []byte(`{"a":2}`))
	is.True(sig != other)
}

func TestWebhookRetryBackoffLogAndResend(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, rc, w := webhookApp(t, true)
	rc.fail = true
	_, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Retry"})
	is.NoErr(err)
	n, err := ta.DeliverWebhooks(ctx)
	is.NoErr(err)
	is.Equal(n, 1)
	n, _ = ta.DeliverWebhooks(ctx)
	is.Equal(n, 0) // waits for its backoff
	ta.clock.Add(4 * time.Second)
	n, _ = ta.DeliverWebhooks(ctx)
	is.Equal(n, 0) // 5 s have not passed
	ta.clock.Add(2 * time.Second)
	n, _ = ta.DeliverWebhooks(ctx)
	is.Equal(n, 1) // second attempt
	rc.mu.Lock()
	rc.fail = false
	rc.mu.Unlock()
	ta.clock.Add(time.Minute)
	n, _ = ta.DeliverWebhooks(ctx)
	is.Equal(n, 1)
	is.Equal(rc.count(), 1) // delivered on the third attempt

	msgs, err := ta.WebhookMessages(ctx, nil, w.ID, 10)
	is.NoErr(err)
	is.Equal(msgs[0].Status, "delivered")
	log, err := ta.WebhookDeliveries(ctx, nil, msgs[0].ID)
	is.NoErr(err)
	is.Equal(len(log), 3)
	is.Equal(log[0].StatusCode, 503)
	is.Equal(log[2].StatusCode, 200)

	is.NoErr(ta.ResendWebhookMessage(ctx, nil, msgs[0].ID))
	n, _ = ta.DeliverWebhooks(ctx)
	is.Equal(n, 1)
	is.Equal(rc.count(), 2)
	is.Equal(rc.ids[0], rc.ids[1]) // the same id, so the receiver can de-duplicate
}

func TestWebhookDisabledAfterRepeatedFailures(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, rc, w := webhookApp(t, true)
	rc.fail = true
	for range 5 {
		_, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Fail"})
		is.NoErr(err)
	}
	for range 10 {
		_, err := ta.DeliverWebhooks(ctx)
		is.NoErr(err)
		ta.clock.Add(11 * time.Hour)
	}
	got, err := ta.Webhook(ctx, nil, w.ID)
	is.NoErr(err)
	is.True(!got.Enabled) // switched off, with a notice
	is.Equal(got.DisabledReason, "failures")
	msgs, _ := ta.WebhookMessages(ctx, nil, w.ID, 10)
	for _, m := range msgs {
		is.Equal(m.Status, "failed")
		is.Equal(m.Attempts, 8)
	}
	_, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "After"})
	is.NoErr(err)
	msgs, _ = ta.WebhookMessages(ctx, nil, w.ID, 10)
	is.Equal(len(msgs), 5) // a disabled endpoint gets nothing new
}

func TestWebhookDestinations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("private addresses are refused unless allowed", func(t *testing.T) {
		is := is.New(t)
		ta, rc, w := webhookApp(t, false)
		_, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Probe"})
		is.NoErr(err)
		_, err = ta.DeliverWebhooks(ctx)
		is.NoErr(err)
		is.Equal(rc.count(), 0) // 127.0.0.1 was never contacted
		msgs, _ := ta.WebhookMessages(ctx, nil, w.ID, 10)
		log, _ := ta.WebhookDeliveries(ctx, nil, msgs[0].ID)
		is.True(strings.Contains(log[0].Error, "private-network"))
	})

	t.Run("only http and https URLs", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		for _, u := range []string{"ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@example.com/", "example.com/hook"} {
			_, err := ta.CreateWebhook(ctx, nil, app.WebhookInput{URL: u})
			is.Equal(app.AsError(err).Fields["url"], "error.webhook_url_invalid") // refused
		}
	})

	t.Run("a rule action sends to an endpoint", func(t *testing.T) {
		is := is.New(t)
		ta, rc, w := webhookApp(t, true)
		mustRule(t, ta, app.RuleDefinition{Trigger: app.Trigger{Event: "deal.created"}, Actions: []app.Action{{Type: "webhook", WebhookID: w.ID}}})
		_, err := ta.CreateDeal(ctx, nil, app.DealInput{Title: "Sent"})
		is.NoErr(err)
		_, err = ta.DeliverWebhooks(ctx)
		is.NoErr(err)
		is.Equal(rc.count(), 1)
		is.Equal(rc.got[0].Type, "deal.created")
	})
}
