package app

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"rolo/store"
)

// webhookBackoff is how long to wait after each failed attempt (the
// Standard Webhooks schedule, shortened at the start); after the last one
// the message is given up as failed.
var webhookBackoff = []time.Duration{5 * time.Second, time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour}

// webhookDisableAfter is how many messages in a row may fail before the
// endpoint is switched off and its creator told.
const webhookDisableAfter = 5

// SignWebhook is the Standard Webhooks signature of a message: "v1," and
// the base64 HMAC-SHA256 of "id.timestamp.body" under the secret's key.
func SignWebhook(secret, id string, timestamp int64, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, webhookSecretPrefix))
	if err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.", id, timestamp)
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// publicOnly refuses connections to loopback, private, link-local and
// other non-public addresses. It runs on the address actually dialled,
// after DNS, so a name that resolves to 127.0.0.1 is refused too.
func publicOnly(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return err
	}
	ip := ap.Addr().Unmap()
	cgnat := netip.MustParsePrefix("100.64.0.0/10")
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() ||
		ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || cgnat.Contains(ip) {
		return errPrivateAddress
	}
	return nil
}

var errPrivateAddress = errors.New("destination is a private-network address; allow private webhook destinations in settings to use it")

func webhookClient(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if !allowPrivate {
		dialer.Control = publicOnly
	}
	transport := &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: 10 * time.Second, MaxIdleConnsPerHost: 8, ResponseHeaderTimeout: 15 * time.Second}
	return &http.Client{
		Transport: transport, Timeout: 20 * time.Second,
		// A redirect is an answer, not a delivery: following it could lead
		// the request somewhere the URL check never saw.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// DeliverWebhooks sends every outbox message that is due, a few at a time,
// and records each attempt; it returns how many it attempted. Messages
// about one record go to one endpoint in order: the next waits for the
// one before it to be delivered or given up (DueWebhookMessages), so a
// batch that delivered something is followed by another, which may hold
// the messages that were waiting.
func (a *App) DeliverWebhooks(ctx context.Context) (int, error) {
	client := webhookClient(a.AllowPrivateWebhooks(ctx))
	defer client.CloseIdleConnections()
	total := 0
	for {
		due, err := store.DueWebhookMessages(ctx, a.db.Reader(), a.now(), 200)
		if err != nil || len(due) == 0 {
			return total, err
		}
		hooks := map[string]store.Webhook{}
		results := make([]attemptResult, len(due))
		var wg sync.WaitGroup
		sem := make(chan struct{}, 8)
		for i, m := range due {
			w, ok := hooks[m.WebhookID]
			if !ok {
				if w, err = store.WebhookByID(ctx, a.db.Reader(), m.WebhookID); err != nil {
					return total, err
				}
				hooks[m.WebhookID] = w
			}
			if !w.Enabled {
				results[i] = attemptResult{skip: true}
				continue
			}
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				results[i] = a.attempt(ctx, client, w, m)
			}()
		}
		wg.Wait()
		if err := a.recordAttempts(ctx, due, results); err != nil {
			return total, err
		}
		total += len(due)
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
		if len(due) < 200 && !anyDelivered(results) {
			return total, nil
		}
	}
}

// anyDelivered tells whether a batch delivered a message, which may
// let a later message about the same record go.
func anyDelivered(results []attemptResult) bool {
	for _, r := range results {
		if !r.skip && r.problem == "" {
			return true
		}
	}
	return false
}

type attemptResult struct {
	skip     bool
	status   int
	problem  string
	duration time.Duration
}

func (a *App) attempt(ctx context.Context, client *http.Client, w store.Webhook, m store.WebhookMessage) attemptResult {
	start := time.Now()
	ts := a.now().Unix()
	sig, err := SignWebhook(w.Secret, m.ID, ts, []byte(m.Payload))
	if err != nil {
		return attemptResult{problem: err.Error()}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader([]byte(m.Payload)))
	if err != nil {
		return attemptResult{problem: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Rolo-Webhooks/1")
	req.Header.Set("webhook-id", m.ID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("webhook-signature", sig)
	res, err := client.Do(req)
	if err != nil {
		return attemptResult{problem: truncate(err.Error(), 500), duration: time.Since(start)}
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	r := attemptResult{status: res.StatusCode, duration: time.Since(start)}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		r.problem = res.Status
	}
	return r
}

// recordAttempts writes one batch of results: the delivery log, the
// message's state and next attempt, and the endpoint's failure count,
// switching it off after too many failed messages in a row.
func (a *App) recordAttempts(ctx context.Context, due []store.WebhookMessage, results []attemptResult) error {
	return a.db.Write(ctx, func(tx *store.Tx) error {
		for i, m := range due {
			r := results[i]
			if r.skip {
				continue // endpoint off: the message waits until it is back on
			}
			attempt := m.Attempts + 1
			if err := store.InsertDelivery(ctx, tx, store.Delivery{ID: a.cfg.NewID(), MessageID: m.ID, Attempt: attempt, StatusCode: r.status,
				Error: r.problem, DurationMS: int(r.duration.Milliseconds())}); err != nil {
				return err
			}
			if r.problem == "" {
				if err := store.SetWebhookMessage(ctx, tx, m.ID, "delivered", attempt, tx.Now); err != nil {
					return err
				}
				if err := store.WebhookSucceeded(ctx, tx, m.WebhookID); err != nil {
					return err
				}
				continue
			}
			if attempt <= len(webhookBackoff) {
				if err := store.SetWebhookMessage(ctx, tx, m.ID, "pending", attempt, tx.Now.Add(webhookBackoff[attempt-1])); err != nil {
					return err
				}
				continue
			}
			if err := store.SetWebhookMessage(ctx, tx, m.ID, "failed", attempt, tx.Now); err != nil {
				return err
			}
			failures, err := store.WebhookFailed(ctx, tx, m.WebhookID)
			if err != nil {
				return err
			}
			if failures == webhookDisableAfter {
				if err := a.disableWebhook(ctx, tx, m.WebhookID); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (a *App) disableWebhook(ctx context.Context, tx *store.Tx, id string) error {
	if err := store.SetWebhookEnabled(ctx, tx, id, false, "failures"); err != nil {
		return err
	}
	a.hooks.forget()
	w, err := store.WebhookByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if w.CreatedBy != "" {
		if err := store.InsertNotification(ctx, tx, store.Notification{ID: a.cfg.NewID(), UserID: w.CreatedBy, Kind: "webhook_disabled",
			Text: w.URL, Link: "/settings/webhooks"}); err != nil {
			return err
		}
	}
	return a.record(ctx, tx, "", Change{Action: ActionWebhookDisabled, Entity: "webhook", ID: id,
		Details: map[string]any{"reason": "failures", "url": w.URL}})
}
