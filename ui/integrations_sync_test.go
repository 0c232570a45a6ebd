package ui_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// TestIntegrationSyncContactsScript runs the README's curl and jq script
// against a real server with a read-only key: the first run writes every
// contact (more than one page, so it follows next_cursor), later runs add
// only the new ones, and the file reads back as CSV with every value as
// stored — commas, quotes and Korean names included.
func TestIntegrationSyncContactsScript(t *testing.T) {
	t.Parallel()
	needCommands(t, "bash", "curl", "jq")
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	key := decode[apiKeyBody](t, admin.json("POST", "/api/v1/api-keys", `{"name": "spreadsheet", "scope": "read"}`), http.StatusCreated)

	dir := t.TempDir()
	script := filepath.Join(dir, "sync-contacts.sh")
	is.NoErr(os.WriteFile(script, []byte(readmeExample(t, "sync-contacts.sh")), 0o755))
	out := filepath.Join(dir, "contacts.csv")
	sync := func() string {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), "bash", script, out)
		cmd.Env = append(os.Environ(), "ROLO_URL="+ts.URL+"/", "ROLO_API_KEY="+key.Token)
		got, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sync-contacts.sh: %v\n%s", err, got)
		}
		return strings.TrimSpace(string(got))
	}
	want := map[string]app.ContactInput{}
	add := func(n int, name func(i int) app.ContactInput) {
		for i := range n {
			in := name(i)
			c, err := ts.app.CreateContact(t.Context(), nil, in)
			is.NoErr(err)
			want[c.ID] = in
		}
	}
	add(130, func(i int) app.ContactInput {
		return app.ContactInput{FirstName: fmt.Sprintf("Person %03d", i), LastName: "Example",
			Emails: []app.Labeled{{Value: fmt.Sprintf("p%03d@example.org", i)}}}
	})
	add(1, func(int) app.ContactInput {
		return app.ContactInput{FirstName: `Grace "Amazing"`, LastName: "Hopper, Jr.", Tags: []string{"navy", "vip"},
			Phones: []app.Labeled{{Value: "+1 202 555 0143"}}}
	})
	add(1, func(int) app.ContactInput { return app.ContactInput{FirstName: "민수", LastName: "김"} })

	is.Equal(sync(), fmt.Sprintf("132 new contacts in %s", out)) // 132 > 100 a page: it paged
	add(3, func(i int) app.ContactInput { return app.ContactInput{FirstName: fmt.Sprintf("Later %d", i)} })
	is.Equal(sync(), fmt.Sprintf("3 new contacts in %s", out))
	is.Equal(sync(), fmt.Sprintf("0 new contacts in %s", out)) // nothing twice

	f, err := os.Open(out)
	is.NoErr(err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	is.NoErr(err)
	is.Equal(rows[0], []string{"id", "created_at", "first_name", "last_name", "email", "phone", "company_id", "tags"})
	is.Equal(len(rows), 1+len(want))
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		in, ok := want[row[0]]
		is.True(ok && !seen[row[0]]) // each contact once
		seen[row[0]] = true
		is.Equal(row[2], in.FirstName)
		is.Equal(row[3], in.LastName)
		if len(in.Emails) > 0 {
			is.Equal(row[4], in.Emails[0].Value)
		}
		if len(in.Phones) > 0 {
			is.Equal(row[5], in.Phones[0].Value)
		}
		tags := strings.Fields(row[7])
		slices.Sort(tags)
		is.Equal(strings.Join(tags, " "), strings.Join(in.Tags, " "))
	}
	is.True(slices.IsSortedFunc(rows[1:], func(a, b []string) int { // oldest first
		ta, _ := time.Parse(time.RFC3339Nano, a[1])
		tb, _ := time.Parse(time.RFC3339Nano, b[1])
		return ta.Compare(tb)
	}))
}
