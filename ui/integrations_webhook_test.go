package ui_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"rolo/app"
)

// TestIntegrationWebhookReceiver builds the README's receiver (a program
// of its own, on the Standard Webhooks library) and points a Rolo
// endpoint at it: a real delivery passes the library's check and is
// printed, a forged one is refused. The test also checks a delivery with
// the library itself, in process, as any receiver in Go would.
func TestIntegrationWebhookReceiver(t *testing.T) {
	t.Parallel()
	needCommands(t, "go")
	is := is.New(t)
	ctx := t.Context()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	is.NoErr(ts.app.SetAllowPrivateWebhooks(ctx, nil, true)) // the receiver is on loopback

	receiver := buildWebhookExample(t)
	listen := freeAddr(t)
	res := admin.json("POST", "/api/v1/webhooks", `{"url": "http://`+listen+`/rolo", "events": ["contact.created"]}`)
	hook := decode[struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}](t, res, http.StatusCreated)
	is.True(strings.HasPrefix(hook.Secret, "whsec_"))

	var stdout, stderr lockedBuffer
	cmd := exec.CommandContext(ctx, receiver)
	cmd.Env = append(os.Environ(), "LISTEN="+listen, "ROLO_WEBHOOK_SECRET="+hook.Secret)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	is.NoErr(cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitListening(t, listen, &stderr)

	contact := decode[struct {
		ID string `json:"id"`
	}](t, admin.json("POST", "/api/v1/contacts", `{"first_name": "Hooked"}`), http.StatusCreated)
	n, err := ts.app.DeliverWebhooks(ctx)
	is.NoErr(err)
	is.Equal(n, 1)
	msgs, err := ts.app.WebhookMessages(ctx, nil, hook.ID, 10)
	is.NoErr(err)
	is.Equal(msgs[0].Status, "delivered") // the receiver answered 2xx: its check passed
	log, err := ts.app.WebhookDeliveries(ctx, nil, msgs[0].ID)
	is.NoErr(err)
	is.Equal(log[0].StatusCode, http.StatusNoContent)
	printed := msgs[0].ID + " contact.created contact " + contact.ID + "\n"
	for deadline := time.Now().Add(5 * time.Second); stdout.String() != printed && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond) // the pipe from the receiver is copied a moment later
	}
	is.Equal(stdout.String(), printed) // the event the library verified

	// The receiver takes a message signed with the secret as it was sent,
	// and refuses one whose body changed on the way or that was signed
	// with another secret.
	post := func(secret, signed, sent string) int {
		now := strconv.FormatInt(time.Now().Unix(), 10)
		sig, err := app.SignWebhook(secret, msgs[0].ID, time.Now().Unix(), []byte(signed))
		is.NoErr(err)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+listen+"/rolo", strings.NewReader(sent))
		req.Header.Set("webhook-id", msgs[0].ID)
		req.Header.Set("webhook-timestamp", now)
		req.Header.Set("webhook-signature", sig)
		res, err := http.DefaultClient.Do(req)
		is.NoErr(err)
		res.Body.Close()
		return res.StatusCode
	}
	payload := msgs[0].Payload
	is.Equal(post(hook.Secret, payload, payload), http.StatusNoContent)                                              // as Rolo signs it
	is.Equal(post(hook.Secret, payload, strings.Replace(payload, "contact", "company", 1)), http.StatusUnauthorized) // changed on the way
	is.Equal(post("whsec_"+strings.Repeat("A", 43)+"=", payload, payload), http.StatusUnauthorized)                  // another secret

	// The same check in process: Rolo's signature is what the library
	// computes from the secret alone.
	wh, err := standardwebhooks.NewWebhook(hook.Secret)
	is.NoErr(err)
	stamp := time.Now()
	sig, err := app.SignWebhook(hook.Secret, msgs[0].ID, stamp.Unix(), []byte(msgs[0].Payload))
	is.NoErr(err)
	header := http.Header{}
	header.Set(standardwebhooks.HeaderWebhookID, msgs[0].ID)
	header.Set(standardwebhooks.HeaderWebhookTimestamp, strconv.FormatInt(stamp.Unix(), 10))
	header.Set(standardwebhooks.HeaderWebhookSignature, sig)
	is.NoErr(wh.Verify([]byte(msgs[0].Payload), header))
	libSig, err := wh.Sign(msgs[0].ID, stamp, []byte(msgs[0].Payload))
	is.NoErr(err)
	is.Equal(libSig, sig)
}

// buildWebhookExample writes the README's receiver into a module of its
// own, requiring the library at the version go.mod names (from go.sum,
// offline: building this test put it in the module cache), and builds it.
func buildWebhookExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	const lib = "github.com/standard-webhooks/standard-webhooks/libraries"
	sums, err := os.ReadFile("../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	var sum []string
	version := ""
	for _, line := range strings.Split(string(sums), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == lib {
			sum = append(sum, line)
			version = strings.TrimSuffix(f[1], "/go.mod")
		}
	}
	if version == "" {
		t.Fatalf("go.sum has no %s", lib)
	}
	files := map[string]string{
		"main.go": readmeExample(t, "webhook-receiver.go"),
		"go.mod":  "module example.com/rolo-webhooks\n\ngo 1.22\n\nrequire " + lib + " " + version + "\n",
		"go.sum":  strings.Join(sum, "\n") + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "receiver")
	cmd := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the README's receiver: %v\n%s", err, out)
	}
	return bin
}

// freeAddr is a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitListening waits until something accepts connections on addr.
func waitListening(t *testing.T, addr string, log *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the receiver did not listen on %s: %s", addr, log.String())
}
