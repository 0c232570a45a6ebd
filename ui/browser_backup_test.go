package ui_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrowserBackupSettings opens Settings → Backup in Chromium on a
// server replicating to two file replicas: each shows in sync with its
// oldest restorable point, the second as a copy of the first.
func TestBrowserBackupSettings(t *testing.T) {
	dir := t.TempDir()
	ts := newReplicatedServer(t, "file://"+filepath.Join(dir, "nas"), "file://"+filepath.Join(dir, "usb"))
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	var states string
	for i, deadline := 0, time.Now().Add(20*time.Second); time.Now().Before(deadline); i++ {
		time.Sleep(200 * time.Millisecond)
		p.visit(fmt.Sprintf("/settings?load=%d#backup", i), "#backup") // a new address: Chromium does not reload for a fragment
		states = p.eval(`[...document.querySelectorAll("#backup .replica-state")].map(e => e.textContent.trim()).join("|")`)
		if states == "In sync|In sync" && !strings.Contains(p.text("#backup"), "—") {
			break
		}
	}
	if states != "In sync|In sync" {
		t.Fatalf("replica states %q, want both in sync", states)
	}
	text := p.text("#backup")
	if !strings.Contains(text, filepath.Join(dir, "usb")) || !strings.Contains(text, "(copy of the first replica)") || strings.Contains(text, "—") {
		t.Fatalf("the backup card lacks a replica, the mirror's note or an oldest restorable point:\n%s", text)
	}
	p.screenshot("settings-backup")
}
