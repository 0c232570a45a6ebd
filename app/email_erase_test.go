package app_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestEraseEmailPerson erases a person with logged emails: the bodies of
// their messages go, shared ones included, and no byte of their address
// stays in the file, its log or a backup; the other people's timelines
// keep the messages' subjects and dates.
func TestEraseEmailPerson(t *testing.T) {
	is := is.New(t)
	w := newEmailWorld(t)
	ctx := t.Context()
	rep, err := w.ta.LogEmailFiles(ctx, w.admin, emailFiles(emailFile(t, "gmail-reply.eml"), emailFile(t, "apple-attachment.eml"),
		emailFile(t, "outlook-html.eml")), nil)
	is.NoErr(err)
	is.Equal(rep.Logged, 3)

	is.NoErr(w.ta.ErasePerson(ctx, w.admin, w.bob.ID, "Bob Baker"))

	// Bob wrote the Gmail reply that Carol was copied on: it stays on her
	// timeline, without its text or anyone's address.
	page, err := w.ta.Timeline(ctx, w.admin, app.RecordRef{Entity: "contact", ID: w.carol.ID}, "", 20)
	is.NoErr(err)
	var shared *app.Activity
	for _, item := range page.Items {
		if item.Activity != nil && strings.HasPrefix(item.Activity.Outcome, "Re: Quote") {
			shared = item.Activity
		}
	}
	is.True(shared != nil)
	is.Equal(shared.Body, "")
	details, err := w.ta.EmailDetailsOf(ctx, w.admin, []string{shared.ID})
	is.NoErr(err)
	is.Equal(details[shared.ID].From.Address, "")
	is.Equal(details[shared.ID].Quoted, "")
	is.Equal(w.emailsOn(t, "contact", w.carol.ID), []string{"RE: Quote for 20 seats", "Re: Quote for 20 seats"}) // Carol's own message is whole

	is.Equal(findText(t, w.ta, "bob@baker.example"), []string(nil))
	files := []string{w.ta.dbPath, w.ta.dbPath + "-wal"}
	is.Equal(bytesFound(t, files, []string{"bob@baker.example", "the price works for us"}), []string(nil))
	backup := filepath.Join(t.TempDir(), "after.db")
	_, err = app.Backup(ctx, w.ta.DB(), backup)
	is.NoErr(err)
	is.Equal(bytesFound(t, []string{backup}, []string{"bob@baker.example"}), []string(nil))
}
