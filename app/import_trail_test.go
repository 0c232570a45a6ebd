package app_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// importedContact imports Google's export and returns the batch and the
// contact it made of Zoë Müller.
func importedContact(t *testing.T, ta *testApp, admin *app.User) (store.ImportBatch, app.Contact) {
	t.Helper()
	is := is.New(t)
	rep, err := importFile(t, ta, admin, "google.csv", app.ImportOptions{})
	is.NoErr(err)
	is.True(rep.Created > 1)
	batches, err := ta.ImportBatches(context.Background(), admin, 5)
	is.NoErr(err)
	is.Equal(batches[0].ID, rep.BatchID)
	hits, err := ta.Search(context.Background(), admin, "zoe.mueller@example.de", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1)
	c, err := ta.Contact(context.Background(), admin, hits[0].Ref)
	is.NoErr(err)
	return batches[0], c
}

// TestImportedContactHistoryNamesItsBatch: a contact import keeps no
// audit entry per contact, yet the contact's history and timeline still
// say who imported it, when and from which file; the audit log has one
// entry for the batch.
func TestImportedContactHistoryNamesItsBatch(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	batch, c := importedContact(t, ta, admin)

	history, err := ta.History(ctx, admin, "contact", c.ID, 10)
	is.NoErr(err)
	is.Equal(len(history), 1)
	created := history[0]
	is.Equal(created.Action, string(app.ActionContactCreated))
	is.Equal(created.ActorID, admin.ID) // who
	is.Equal(created.ActorName, "Ada Admin")
	is.True(created.At.Equal(batch.CreatedAt))                                                  // when
	is.Equal(*created.By, app.Origin{Kind: app.OriginImport, ID: batch.ID, Name: "google.csv"}) // which batch and file
	is.Equal(created.Name, c.DisplayName)

	// Its company, created by name, reads the same.
	coHistory, err := ta.History(ctx, admin, "company", c.CompanyID, 10)
	is.NoErr(err)
	is.Equal(len(coHistory), 1)
	is.Equal(coHistory[0].Action, string(app.ActionCompanyCreated))
	is.Equal(coHistory[0].By.ID, batch.ID)

	log, err := ta.AuditLog(ctx, admin, store.AuditQuery{Limit: 100})
	is.NoErr(err)
	perAction := map[string]int{}
	for _, e := range log.Entries {
		perAction[e.Action]++
	}
	is.Equal(perAction["import.finished"], 1) // one entry for the batch
	is.Equal(perAction["contact.created"], 0) // none per record

	// A later edit comes first; the timeline pages through both.
	ta.clock.Add(time.Hour)
	in := app.InputOf(c)
	in.Title = "Head of Purchasing"
	_, err = ta.UpdateContact(ctx, admin, c.ID, c.Version, in)
	is.NoErr(err)
	history, err = ta.History(ctx, admin, "contact", c.ID, 10)
	is.NoErr(err)
	is.Equal(len(history), 2)
	is.Equal(history[0].Action, string(app.ActionContactUpdated))
	is.Equal(history[1].Action, string(app.ActionContactCreated))
	ref := app.RecordRef{Entity: "contact", ID: c.ID}
	first, err := ta.Timeline(ctx, admin, ref, "", 1)
	is.NoErr(err)
	is.Equal(len(first.Items), 1)
	is.Equal(first.Items[0].Change.Action, string(app.ActionContactUpdated))
	is.True(first.NextCursor != "")
	second, err := ta.Timeline(ctx, admin, ref, first.NextCursor, 1)
	is.NoErr(err)
	is.Equal(len(second.Items), 1)
	is.Equal(second.Items[0].Change.Action, string(app.ActionContactCreated))
	is.Equal(second.Items[0].Change.By.Name, "google.csv")
	is.Equal(second.NextCursor, "")

	// Undo keeps the edited contact and trashes the others.
	kept, err := ta.UndoImport(ctx, admin, batch.ID)
	is.NoErr(err)
	is.Equal(kept, 1)
	is.Equal(contactCount(t, ta), 1)
}

// TestImportTrailShowsAnOlderBatchOnce: a batch imported before the trail
// kept an audit entry per contact; its contacts' history shows that entry
// and no second one from the batch's records.
func TestImportTrailShowsAnOlderBatchOnce(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	batch, c := importedContact(t, ta, admin)
	err := ta.DB().Write(ctx, func(tx *store.Tx) error { // the entry an older Rolo wrote
		return store.InsertAudit(ctx, tx, store.AuditEntry{ID: "00000000-old-entry", ActorID: admin.ID, Action: "contact.created",
			Entity: "contact", EntityID: c.ID, Details: fmt.Sprintf(`{"import":%q,"name":"Zoë Müller"}`, batch.ID)})
	})
	is.NoErr(err)
	history, err := ta.History(ctx, admin, "contact", c.ID, 10)
	is.NoErr(err)
	is.Equal(len(history), 1)
	is.Equal(history[0].ID, "00000000-old-entry")
	page, err := ta.Timeline(ctx, admin, app.RecordRef{Entity: "contact", ID: c.ID}, "", 10)
	is.NoErr(err)
	is.Equal(len(page.Items), 1)
}

// TestImportUndoAfterACrash: an import stopped after its first chunk (as
// a crash would leave it) is undone whole, and the stored contacts'
// history names the batch meanwhile.
func TestImportUndoAfterACrash(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	var file bytes.Buffer
	file.WriteString("Name,Email,Phone,Company\n")
	for i := range 6000 {
		fmt.Fprintf(&file, "Person %d,p%d@example.com,+49 30 %07d,Firm %d\n", i, i, 1000000+i, i%40)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err := ta.Import(ctx, admin, bytes.NewReader(file.Bytes()), app.ImportOptions{Entity: "contact", FileName: "crm.csv",
		Progress: func(pass, rows int) {
			if pass == 2 {
				cancel() // the first chunk is committed; stop before the last
			}
		}})
	is.True(err != nil)
	is.Equal(contactCount(t, ta), 5000)
	batches, err := ta.ImportBatches(context.Background(), admin, 5)
	is.NoErr(err)
	is.Equal(batches[0].Status, "running")

	hits, err := ta.Search(context.Background(), admin, "p4999@example.com", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1) // the stored chunk is searchable
	history, err := ta.History(context.Background(), admin, "contact", hits[0].Ref, 10)
	is.NoErr(err)
	is.Equal(len(history), 1)
	is.Equal(history[0].By.Name, "crm.csv")

	kept, err := ta.UndoImport(context.Background(), admin, batches[0].ID)
	is.NoErr(err)
	is.Equal(kept, 0)
	is.Equal(contactCount(t, ta), 0) // every stored contact in the trash
	trashed, err := ta.Contact(context.Background(), admin, hits[0].Ref)
	is.NoErr(err)
	is.True(trashed.Trashed())
}

// TestMigratedContactHistoryNamesItsBatch: a whole-CRM migration stores
// its contacts as an import does, and their history names its batch.
func TestMigratedContactHistoryNamesItsBatch(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	ctx := t.Context()
	rep, err := ta.Migrate(ctx, team.admin, app.MigrateOptions{Source: "pipedrive", Name: "pipedrive", Files: exportFiles(t, "pipedrive")})
	is.NoErr(err)
	list, err := ta.ListContacts(ctx, nil, store.ListQuery{Limit: 50})
	is.NoErr(err)
	is.True(len(list.Rows) > 0)
	for _, c := range list.Rows {
		history, err := ta.History(ctx, team.admin, "contact", c.ID, 10)
		is.NoErr(err)
		created := 0
		for _, h := range history {
			if h.Action == string(app.ActionContactCreated) {
				created++
				is.Equal(h.By.ID, rep.BatchID) // the migration's batch
				is.Equal(h.ActorID, team.admin.ID)
			}
		}
		is.Equal(created, 1) // once, from the batch's records
	}
}
