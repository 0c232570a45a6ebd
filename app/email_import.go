package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"rolo/store"
)

// EmailReport says what logging or importing messages did, or (a dry
// run) would do.
type EmailReport struct {
	BatchID    string
	Messages   int // read, readable or not
	Logged     int // new activities
	Duplicates int // logged before, by any path
	Skipped    int // nobody Rolo knows is in them
	Failed     int // could not be read
	Contacts   int // contacts made of addresses (--create-contacts)
	Problems   []EmailProblem
	Activities []string // the new activities, for the page that dropped them
	Written    bool
}

// EmailProblem is a message that could not be read.
type EmailProblem struct {
	Name    string // file name, or mbox and message number
	Message string // catalog key
}

func (r *EmailReport) count(o emailOutcome) {
	switch o {
	case emailLogged:
		r.Logged++
	case emailDuplicate:
		r.Duplicates++
	case emailSkipped:
		r.Skipped++
	}
}

// fail counts a message that could not be read and returns why, as a
// catalog key.
func (r *EmailReport) fail(name string, err error) string {
	r.Failed++
	key := "error.email_unreadable"
	if errors.Is(err, errEmailTooLarge) {
		key = "error.email_too_large"
	}
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, EmailProblem{Name: name, Message: key})
	}
	return key
}

// LogEmailFiles logs the messages dropped or chosen on a page, in one
// transaction: on the record ref when one is given (a contact, company or
// deal page), and on every contact whose address is in them.
func (a *App) LogEmailFiles(ctx context.Context, actor Actor, src EmailSource, ref *RecordRef) (EmailReport, error) {
	if err := a.can(actor, AreaActivities, LevelCreate); err != nil {
		return EmailReport{}, err
	}
	if err := a.checkEmailLogging(ctx); err != nil {
		return EmailReport{}, err
	}
	if ref != nil {
		if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, ref.Entity, ref.ID); err != nil {
			return EmailReport{}, err
		}
	}
	var rep EmailReport
	var msgs []Email
	var names []string
	for f := range src {
		rep.Messages++
		m, err := readEmailFile(f)
		if err != nil {
			rep.fail(f.Name, err)
			continue
		}
		msgs, names = append(msgs, m), append(names, f.Name)
	}
	if len(msgs) == 0 {
		return rep, nil
	}
	l := &emailLog{actor: actor, source: EmailFromFile, record: ref}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		for _, m := range msgs {
			before := rep.Logged
			o, err := a.logEmail(ctx, tx, l, m)
			if err != nil {
				return err
			}
			rep.count(o)
			if rep.Logged > before {
				if id, _, err := store.EmailByKey(ctx, tx, emailKey(m)); err == nil {
					rep.Activities = append(rep.Activities, id)
				}
			}
		}
		return nil
	})
	rep.Written = err == nil
	return rep, err
}

func readEmailFile(f EmailFile) (Email, error) {
	if f.Err != nil {
		return Email{}, f.Err
	}
	return ReadEmail(bytes.NewReader(f.Raw))
}

// EmailImportOptions say what an mbox or folder import does.
type EmailImportOptions struct {
	FileName string
	// CreateContacts makes a contact of every address (but the team's own)
	// in a message where no known contact appears; otherwise such a
	// message is skipped and counted.
	CreateContacts bool
	DryRun         bool
	// Progress, when set, hears how many messages were read so far.
	Progress func(messages int)
}

// emailChunk is how many messages one transaction of an import logs: a
// crash loses at most one uncommitted chunk, and others' writes wait at
// most one chunk's time.
const emailChunk = 250

// ImportEmail logs the messages of an mbox or a folder of .eml files as
// one import batch, which the imports page lists and can undo. Messages
// are linked to the contacts whose addresses they hold; one with no known
// address is skipped and counted (or, with CreateContacts, makes contacts
// of its addresses). A dry run does everything in one transaction and
// rolls it back, so its counts are exactly what the import would do.
func (a *App) ImportEmail(ctx context.Context, actor Actor, src EmailSource, opt EmailImportOptions) (EmailReport, error) {
	if err := a.can(actor, AreaImports, LevelCreate); err != nil {
		return EmailReport{}, err
	}
	if err := a.can(actor, AreaActivities, LevelCreate); err != nil {
		return EmailReport{}, err
	}
	if opt.CreateContacts {
		if err := a.can(actor, AreaContacts, LevelCreate); err != nil {
			return EmailReport{}, err
		}
	}
	if err := a.checkEmailLogging(ctx); err != nil {
		return EmailReport{}, err
	}
	team, err := a.teamAddresses(ctx, a.db.Reader())
	if err != nil {
		return EmailReport{}, err
	}
	l := &emailLog{actor: actor, source: EmailFromImport, createContacts: opt.CreateContacts, team: team}
	var rep EmailReport
	if opt.DryRun {
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			for f := range src {
				if err := a.importOne(ctx, tx, l, f, &rep, opt); err != nil {
					return err
				}
			}
			return errDryRun
		})
		rep.Contacts = l.contacts
		if errors.Is(err, errDryRun) {
			err = nil
		}
		return rep, err
	}

	b := store.ImportBatch{ID: a.cfg.NewID(), Entity: "email", FileName: opt.FileName, CreatedBy: actorID(actor)}
	if err := a.db.Write(ctx, func(tx *store.Tx) error { return store.InsertImportBatch(ctx, tx, b) }); err != nil {
		return rep, err
	}
	l.batch, rep.BatchID = &b, b.ID
	// Messages are read ahead of the writer by a chunk, so parsing and
	// writing overlap.
	chunks := make(chan []EmailFile, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(chunks)
		var c []EmailFile
		for f := range src {
			c = append(c, f)
			if len(c) == emailChunk {
				select {
				case chunks <- c:
				case <-ctx.Done():
					return
				}
				c = nil
			}
		}
		select {
		case chunks <- c:
		case <-ctx.Done():
		}
	}()
	for c := range chunks {
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			for _, f := range c {
				if err := a.importOne(ctx, tx, l, f, &rep, opt); err != nil {
					return err
				}
			}
			return store.SaveImportProgress(ctx, tx, batchCounts(b, rep), false)
		})
		if err != nil {
			return rep, err
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	rep.Contacts, rep.Written = l.contacts, true
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		if err := a.record(ctx, tx, actorID(actor), Change{Action: ActionImportFinished, Entity: "import", ID: b.ID,
			Details: map[string]any{"name": opt.FileName, "entity": "email", "created": rep.Logged, "skipped": rep.Skipped + rep.Duplicates,
				"failed": rep.Failed, "contacts": rep.Contacts}}); err != nil {
			return err
		}
		return store.SaveImportProgress(ctx, tx, batchCounts(b, rep), true)
	})
	return rep, err
}

var errDryRun = errors.New("dry run")

// batchCounts are an email import's counts as its batch keeps them:
// messages logged are "created", contacts made "updated" would mislead,
// so they count with the created; duplicates and unknown senders are
// "skipped".
func batchCounts(b store.ImportBatch, rep EmailReport) store.ImportBatch {
	b.RowsDone, b.Created, b.Skipped, b.Failed = rep.Messages, rep.Logged, rep.Skipped+rep.Duplicates, rep.Failed
	return b
}

// importOne reads and logs one message of an import, counting it.
func (a *App) importOne(ctx context.Context, tx *store.Tx, l *emailLog, f EmailFile, rep *EmailReport, opt EmailImportOptions) error {
	rep.Messages++
	if opt.Progress != nil && rep.Messages%100 == 0 {
		opt.Progress(rep.Messages)
	}
	m, err := readEmailFile(f)
	if err != nil {
		key := rep.fail(f.Name, err)
		if l.batch != nil {
			cells, _ := json.Marshal([]string{f.Name})
			return store.InsertImportFailure(ctx, tx, l.batch.ID, store.ImportFailure{Line: rep.Messages, Message: key, Cells: string(cells)})
		}
		return nil
	}
	o, err := a.logEmail(ctx, tx, l, m)
	if err != nil {
		return err
	}
	rep.count(o)
	return nil
}

// trashEmailActivity trashes an activity an email import logged (its undo).
func (a *App) trashEmailActivity(ctx context.Context, tx *store.Tx, actor Actor, id string) error {
	act, err := store.ActivityByID(ctx, tx, id)
	if err != nil || act.Trashed() {
		return err
	}
	if err := store.TrashActivity(ctx, tx, id, actorID(actor)); err != nil {
		return err
	}
	if err := a.refreshKeepInTouch(ctx, tx, act.Links); err != nil {
		return err
	}
	return a.record(ctx, tx, actorID(actor), activityChange(ActionActivityDeleted, act))
}
