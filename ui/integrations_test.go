package ui_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// readmeExample is the fenced block that follows the line
// "<!-- example: name -->" in README.md: the examples of the Integrations
// section are tested as printed, so what a reader copies is what ran.
func readmeExample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	marker, found, inside := "<!-- example: "+name+" -->", false, false
	var block strings.Builder
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !found:
			found = strings.TrimSpace(line) == marker
		case !inside && strings.HasPrefix(line, "```"):
			inside = true
		case inside && strings.HasPrefix(line, "```"):
			return block.String()
		case inside:
			block.WriteString(line + "\n")
		}
	}
	t.Fatalf("README.md has no fenced block after %q", marker)
	return ""
}

// needCommands skips the test when a command an example uses is not
// installed (.ci/run installs them, so CI always runs it).
func needCommands(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := exec.LookPath(name); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed; .ci/run must install it", name)
			}
			t.Skipf("%s is not installed; skipping the example that uses it", name)
		}
	}
}

// lockedBuffer collects a child process's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
