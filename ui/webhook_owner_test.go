package ui_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestWebhooksAreTheirOwners: a manager adds a webhook of their own; a
// second manager neither lists nor removes it; an admin sees everyone's,
// with who added each.
func TestWebhooksAreTheirOwners(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	first := ts.loginAs(t, app.RoleManager)
	second := ts.loginAs(t, app.RoleManager)

	type hook struct {
		ID      string `json:"id"`
		OwnerID string `json:"owner_id"`
	}
	created := decode[hook](t, first.json(http.MethodPost, "/api/v1/webhooks", `{"url": "https://hooks.example.com/rolo"}`), http.StatusCreated)
	me := decode[struct{ ID string }](t, first.get("/api/v1/me"), http.StatusOK)
	is.Equal(created.OwnerID, me.ID) // theirs

	theirs := decode[struct{ Data []hook }](t, second.get("/api/v1/webhooks"), http.StatusOK)
	is.Equal(len(theirs.Data), 0) // not another manager's
	is.Equal(second.send(http.MethodDelete, "/api/v1/webhooks/"+created.ID, "", "").StatusCode, http.StatusNotFound)
	is.Equal(second.get("/api/v1/webhooks/"+created.ID+"/messages").StatusCode, http.StatusNotFound)

	all := decode[struct{ Data []hook }](t, admin.get("/api/v1/webhooks"), http.StatusOK)
	is.Equal(len(all.Data), 1) // admins see everyone's
	page := admin.get("/settings/webhooks")
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, "Added by User manager")) // and who added it
	own := first.get("/settings/webhooks")
	is.True(strings.Contains(own.Body, "hooks.example.com/rolo"))
	is.True(!strings.Contains(second.get("/settings/webhooks").Body, "hooks.example.com/rolo"))
}
