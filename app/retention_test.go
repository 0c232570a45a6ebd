package app_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestRetentionPurgesOldTrashAndAuditDetails(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	old, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Old", Notes: "secret note"})
	is.NoErr(err)
	is.NoErr(ta.TrashContact(ctx, admin, old.ID))

	p, err := ta.PurgeExpired(ctx)
	is.NoErr(err)
	is.Equal(p, app.Purged{}) // 0 days (the default) keeps everything

	is.Equal(app.AsError(ta.SetRetentionDays(ctx, admin, -1)).Code, app.EInvalid)
	is.NoErr(ta.SetRetentionDays(ctx, admin, 30))
	is.Equal(ta.RetentionDays(ctx), 30)

	ta.clock.Add(20 * 24 * time.Hour)
	recent, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Recent"})
	is.NoErr(err)
	is.NoErr(ta.TrashContact(ctx, admin, recent.ID))
	ta.clock.Add(11 * 24 * time.Hour) // the first is 31 days in the trash, the second 11

	p, err = ta.PurgeExpired(ctx)
	is.NoErr(err)
	is.Equal(p.Records, 1)
	is.True(p.AuditDetails > 0)
	_, err = ta.Contact(ctx, admin, old.ID)
	is.Equal(app.AsError(err).Code, app.ENotFound) // purged
	_, err = ta.Contact(ctx, admin, recent.ID)
	is.NoErr(err) // still in the trash
	page, err := store.ListAudit(ctx, ta.DB().Reader(), store.AuditQuery{Entity: "contact", EntityID: old.ID, Limit: 50})
	is.NoErr(err)
	is.True(len(page.Entries) >= 3) // created, trashed, purged: who and when stay
	for _, e := range page.Entries {
		is.True(e.Details == "{}" || e.Action == "contact.purged") // older details are gone
	}
}

func TestRunRetentionCatchesUpAtStart(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx, cancel := context.WithCancel(t.Context())
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Stale"})
	is.NoErr(err)
	is.NoErr(ta.TrashContact(ctx, admin, c.ID))
	is.NoErr(ta.SetRetentionDays(ctx, admin, 7))
	ta.clock.Add(8 * 24 * time.Hour) // the machine was off past the period

	done := make(chan struct{})
	go func() { defer close(done); ta.RunRetention(ctx, time.Hour, slog.New(slog.DiscardHandler)) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := ta.Contact(t.Context(), admin, c.ID)
		if app.AsError(err).Code == app.ENotFound {
			break // purged by the first run, without waiting an hour
		}
		if time.Now().After(deadline) {
			t.Fatal("retention did not run at start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done // and it stops with its context
}
