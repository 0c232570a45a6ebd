package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// postMail posts sample messages from testdata/email as the field of a
// multipart form.
func postMail(t *testing.T, b *browser, path, field string, files []string, fields map[string]string) response {
	t.Helper()
	return b.postFiles(path, field, "email", files, fields)
}

// mailContacts adds the people the samples write to.
func mailContacts(t *testing.T, ts *testServer) (bob, carol app.Contact) {
	t.Helper()
	ctx := context.Background()
	var err error
	if bob, err = ts.app.CreateContact(ctx, nil, app.ContactInput{DisplayName: "Bob Baker", Emails: []app.Labeled{{Value: "bob@baker.example"}}}); err != nil {
		t.Fatal(err)
	}
	if carol, err = ts.app.CreateContact(ctx, nil, app.ContactInput{DisplayName: "Carol Chen", Emails: []app.Labeled{{Value: "carol@chen.example"}}}); err != nil {
		t.Fatal(err)
	}
	return bob, carol
}

// TestEmailOnTimeline drops messages on a contact page: the timeline shows
// each as from → to with its date in the reader's zone, the new text with
// the quote folded away, its attachments by name and size, and one
// conversation once, its earlier messages folded under the newest.
func TestEmailOnTimeline(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	bob, _ := mailContacts(t, ts)
	page := "/contacts/" + bob.ID

	res := b.get(page)
	is.True(strings.Contains(res.Body, `id="email-drop"`))                 // the drop zone
	is.True(strings.Contains(res.Body, `href="mailto:bob@baker.example"`)) // the email button
	is.True(!strings.Contains(res.Body, `id="do-not-contact"`))

	res = postMail(t, b, "/emails/drop", "eml", []string{"gmail-reply.eml", "apple-attachment.eml"},
		map[string]string{"record": "contact:" + bob.ID, "return": page})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), page)
	res = b.get(page)
	is.True(strings.Contains(res.Body, "The messages are on the timeline."))
	is.True(strings.Contains(res.Body, "Contract draft"))                         // the newest message of the conversation
	is.True(strings.Contains(res.Body, "1 earlier message in this conversation")) // the reply folded under it
	is.True(strings.Contains(res.Body, `Bob Baker</span> <span class="muted email-address">&lt;bob@baker.example&gt;`))
	is.True(strings.Contains(res.Body, "Contract draft.pdf"))
	is.True(strings.Contains(res.Body, "1.8 KB"))                         // the attachment's size
	is.True(strings.Contains(res.Body, `<details class="email-quoted">`)) // quotes folded away
	is.True(strings.Contains(res.Body, "the café team onboarded first"))
	is.True(strings.Contains(res.Body, `datetime="2026-03-06T08:05:09Z"`))
	is.True(strings.Count(res.Body, `class="timeline-item timeline-activity timeline-email"`) == 1) // one conversation, once

	// Ada reads in Tokyo: the date shows in her zone.
	res = b.post("/profile", url.Values{"name": {"Ada Admin"}, "time_zone": {"Asia/Tokyo"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = b.get(page)
	is.True(strings.Contains(res.Body, "17:05")) // 08:05 UTC

	// Dropped again: not logged twice.
	postMail(t, b, "/emails/drop", "eml", []string{"gmail-reply.eml"}, map[string]string{"record": "contact:" + bob.ID, "return": page})
	res = b.get(page)
	is.True(strings.Contains(res.Body, "These messages were logged before"))
	list, err := ts.app.ListActivities(context.Background(), nil, app.ActivityQuery{TypeID: "email", Limit: 10})
	is.NoErr(err)
	is.Equal(list.Total, 2)

	// Mail is never rendered as HTML.
	is.True(!strings.Contains(res.Body, "<blockquote"))
	is.True(!strings.Contains(res.Body, "gmail_quote"))

	// "Do not contact" shows on the email button.
	_, err = ts.app.SetConsent(context.Background(), nil, bob.ID, app.ConsentInput{Status: "unknown", DoNotContact: true})
	is.NoErr(err)
	res = b.get(page)
	is.True(strings.Contains(res.Body, `id="do-not-contact"`))
}

// TestEmailImportPage imports an mbox in the browser: a dry run first,
// then the import, which the imports page lists and undoes.
func TestEmailImportPage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	bob, _ := mailContacts(t, ts)

	res := b.get("/emails/new")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `id="email-import"`))
	res = postMail(t, b, "/emails/import", "mailbox", []string{"takeout.mbox"}, map[string]string{"dry_run": "1"})
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, "Dry run: nothing was written"))
	is.True(strings.Contains(res.Body, `<dd id="count-logged">3</dd>`))
	is.True(strings.Contains(res.Body, `<dd id="count-skipped">1</dd>`))

	res = postMail(t, b, "/emails/import", "mailbox", []string{"takeout.mbox"}, nil)
	is.True(strings.Contains(res.Body, "Import done"))
	is.True(strings.Contains(res.Body, `<dd id="count-logged">3</dd>`))
	res = b.get("/contacts/" + bob.ID)
	is.True(strings.Contains(res.Body, "Re: Contract draft"))

	batches, err := ts.app.ImportBatches(context.Background(), nil, 5)
	is.NoErr(err)
	is.Equal(batches[0].Entity, "email")
	res = b.get("/imports")
	is.True(strings.Contains(res.Body, "takeout.mbox"))
	res = b.post("/imports/batches/"+batches[0].ID+"/undo", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = b.get("/contacts/" + bob.ID)
	is.True(!strings.Contains(res.Body, "Re: Contract draft")) // undone

	// A viewer may read the page but neither drop nor import.
	viewer := ts.loginAs(t, app.RoleViewer)
	res = viewer.get("/emails/new")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(!strings.Contains(res.Body, `id="email-import"`))
	res = postMail(t, viewer, "/emails/drop", "eml", []string{"gmail-reply.eml"}, nil)
	is.Equal(res.StatusCode, http.StatusForbidden)
}

// TestEmailSettingsPage sets up the IMAP account on Profile → Email: the
// password is never sent back, and an admin turns email logging off for
// everyone, which takes the drop zones away and refuses drops.
func TestEmailSettingsPage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	bob, _ := mailContacts(t, ts)

	res := b.post("/profile/email", url.Values{"host": {"imap.example.com"}, "security": {"tls"}, "username": {"ada@example.com"},
		"password": {"very-secret-app-password"}, "folders": {"INBOX\nSent"}, "enabled": {"1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = b.get("/profile/email")
	is.True(strings.Contains(res.Body, "Waiting for the first check."))
	is.True(strings.Contains(res.Body, "INBOX\nSent"))
	is.True(!strings.Contains(res.Body, "very-secret-app-password")) // never shown again
	_, err := os.Stat(ts.app.KeyFilePath())
	is.NoErr(err) // the key file was made beside the database

	res = b.post("/profile/email", url.Values{"host": {"imap.example.com"}, "security": {"none"}, "username": {"ada@example.com"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, "only a server on this computer"))

	res = b.post("/settings/email-logging", url.Values{"email_logging": {"off"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = b.get("/contacts/" + bob.ID)
	is.True(!strings.Contains(res.Body, `id="email-drop"`))
	res = postMail(t, b, "/emails/drop", "eml", []string{"gmail-reply.eml"}, map[string]string{"record": "contact:" + bob.ID})
	is.Equal(res.StatusCode, http.StatusForbidden)
	res = b.post("/settings/email-logging", url.Values{"email_logging": {"on"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(ts.app.EmailLoggingOn(context.Background()))
}
