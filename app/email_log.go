package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"

	"rolo/store"
)

// EmailTypeID is the built-in activity type of a logged message.
const EmailTypeID = "email"

// Where a logged message came from, as email_messages.source keeps it.
const (
	EmailFromFile   = "file"   // an .eml dropped or chosen on a page
	EmailFromImport = "import" // an mbox or folder import
	EmailFromIMAP   = "imap"   // a watched folder
)

// emailLog says how messages are logged: by whom, from where, on which
// record besides the people in them, and whether unknown addresses
// become contacts.
type emailLog struct {
	actor          Actor
	source         string
	record         *RecordRef // the record a message was dropped on
	createContacts bool
	team           map[string]bool // the users' own addresses: never contacts
	batch          *store.ImportBatch
	contacts       int // contacts made of addresses
}

// emailOutcome is what logging one message did.
type emailOutcome int

const (
	emailLogged    emailOutcome = iota // a new activity
	emailDuplicate                     // logged before (perhaps now linked to one more record)
	emailSkipped                       // nobody Rolo knows is in it
)

// emailKey is a message's de-duplication key: the hash of its Message-ID,
// or of what identifies a message that has none.
func emailKey(m Email) string {
	if m.MessageID != "" {
		return hashKey("id", m.MessageID)
	}
	return hashKey("message", m.Date.Format("2006-01-02T15:04:05Z"), m.From.Address, m.Subject, m.Text)
}

func hashKey(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

// threadKey is the thread a message belongs to: the first message its
// References name, else the thread of the message it answers, else its own.
func threadKey(ctx context.Context, q store.Querier, m Email, own string) (string, error) {
	if len(m.References) > 0 {
		return hashKey("id", m.References[0]), nil
	}
	if m.InReplyTo == "" {
		return own, nil
	}
	parent := hashKey("id", m.InReplyTo)
	thread, err := store.ThreadOf(ctx, q, parent)
	if err != nil || thread != "" {
		return thread, err
	}
	return parent, nil
}

// addresses are everyone in From, To and Cc, each once.
func (m Email) addresses() []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range append(append([]EmailAddress{m.From}, m.To...), m.Cc...) {
		if a.Address != "" && !seen[a.Address] {
			seen[a.Address] = true
			out = append(out, a.Address)
		}
	}
	return out
}

// people finds the live contacts the actor may see whose addresses are in
// m, in the order the addresses come.
func (a *App) people(ctx context.Context, q store.Querier, actor Actor, addrs []string) ([]string, error) {
	byAddr, err := store.ContactIDsByEmails(ctx, q, addrs)
	if err != nil || len(byAddr) == 0 {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, addr := range addrs {
		if id, ok := byAddr[addr]; ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if scope := a.ownerScope(actor); scope != "" {
		own, err := store.OwnedIDs(ctx, q, "contact", ids, scope)
		if err != nil {
			return nil, err
		}
		ids = own
	}
	return ids, nil
}

// logEmail logs one message inside tx. A message logged before is not
// logged again: dropped on another record it is linked to that record
// too. A message in which nobody Rolo knows appears is skipped, unless
// contacts are to be made of its addresses.
func (a *App) logEmail(ctx context.Context, tx *store.Tx, l *emailLog, m Email) (emailOutcome, error) {
	key := emailKey(m)
	id, trashed, err := store.EmailByKey(ctx, tx, key)
	switch {
	case err == nil && !trashed:
		return emailDuplicate, a.linkLoggedEmail(ctx, tx, l, id)
	case err == nil:
		// Logged, then deleted: this is a new wish to log it.
		if err := store.PurgeActivity(ctx, tx, id); err != nil {
			return 0, err
		}
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return 0, err
	}
	var links []RecordRef
	if l.record != nil {
		ok, err := a.linkable(ctx, tx, l.actor, *l.record)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, Invalid(map[string]string{"links": "error.link_unknown"})
		}
		links = append(links, *l.record)
	}
	addrs := m.addresses()
	ids, err := a.people(ctx, tx, l.actor, addrs)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 && l.createContacts {
		if ids, err = a.contactsFromEmail(ctx, tx, l, m); err != nil {
			return 0, err
		}
	}
	for _, id := range ids {
		if ref := (RecordRef{Entity: "contact", ID: id}); l.record == nil || ref != *l.record {
			links = append(links, ref)
		}
	}
	if len(links) == 0 {
		return emailSkipped, nil
	}
	act := Activity{ID: a.cfg.NewID(), TypeID: EmailTypeID, OccurredAt: m.Date, Outcome: m.Subject, Body: m.Text,
		UserID: actorID(l.actor), Links: links}
	act.CreatedBy = actorID(l.actor)
	if act.OccurredAt.IsZero() {
		act.OccurredAt = a.now()
	}
	if len(act.Links) > maxLinks {
		act.Links = act.Links[:maxLinks]
	}
	if err := store.InsertActivity(ctx, tx, act); err != nil {
		return 0, err
	}
	thread, err := threadKey(ctx, tx, m, key)
	if err != nil {
		return 0, err
	}
	parent := ""
	if m.InReplyTo != "" {
		parent = hashKey("id", m.InReplyTo)
	}
	if err := store.InsertEmailMessage(ctx, tx, store.EmailMessage{ActivityID: act.ID, MessageKey: key, ThreadKey: thread,
		ParentKey: parent, From: mustJSON(m.From), To: mustJSON(orEmpty(m.To)), Cc: mustJSON(orEmpty(m.Cc)), Quoted: m.Quoted,
		Attachments: mustJSON(orEmpty(m.Attachments)), Truncated: m.Truncated, Source: l.source}); err != nil {
		return 0, err
	}
	// Replies logged before this message may have started a thread of
	// their own under its key; they join its thread now.
	if err := store.JoinThread(ctx, tx, key, thread); err != nil {
		return 0, err
	}
	if err := a.refreshKeepInTouch(ctx, tx, act.Links); err != nil {
		return 0, err
	}
	if l.batch != nil {
		if err := store.InsertImportRecord(ctx, tx, l.batch.ID, store.ImportRecord{Entity: "activity", RecordID: act.ID, Action: "created"}); err != nil {
			return 0, err
		}
	}
	c := activityChange(ActionActivityCreated, act)
	c.Details["email"] = l.source
	return emailLogged, a.record(ctx, tx, actorID(l.actor), c)
}

// linkLoggedEmail links a message logged before to the record it was
// dropped on now, if it is not linked there yet.
func (a *App) linkLoggedEmail(ctx context.Context, tx *store.Tx, l *emailLog, id string) error {
	if l.record == nil {
		return nil
	}
	act, err := store.ActivityByID(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, ref := range act.Links {
		if ref == *l.record {
			return nil
		}
	}
	ok, err := a.linkable(ctx, tx, l.actor, *l.record)
	if err != nil || !ok {
		return err
	}
	added := Activity{ID: act.ID, OccurredAt: act.OccurredAt, Links: []RecordRef{*l.record}}
	if err := store.AddActivityLinks(ctx, tx, added); err != nil {
		return err
	}
	act.Links = append(act.Links, *l.record)
	if err := a.refreshKeepInTouch(ctx, tx, added.Links); err != nil {
		return err
	}
	c := activityChange(ActionActivityUpdated, act)
	c.Details["email"] = l.source
	return a.record(ctx, tx, actorID(l.actor), c)
}

// contactsFromEmail makes a contact of every address in m that is not a
// team member's (an import asked for it), and returns their IDs.
func (a *App) contactsFromEmail(ctx context.Context, tx *store.Tx, l *emailLog, m Email) ([]string, error) {
	var ids []string
	for _, who := range append(append([]EmailAddress{m.From}, m.To...), m.Cc...) {
		if who.Address == "" || l.team[who.Address] {
			continue
		}
		// An earlier address of this message may have made it already.
		if found, err := a.people(ctx, tx, l.actor, []string{who.Address}); err != nil {
			return nil, err
		} else if len(found) > 0 {
			ids = append(ids, found...)
			continue
		}
		name := who.Name
		if name == "" || strings.Contains(name, "@") {
			name, _, _ = strings.Cut(who.Address, "@")
		}
		in := ContactInput{DisplayName: name, Emails: []store.Labeled{{Value: who.Address}}, LeadSource: "email",
			OwnerID: newOwner(l.actor, "", false)}
		c, tagNames, err := a.validateContact(ctx, tx, l.actor, in)
		if err != nil {
			continue // an address the contact rules refuse stays out
		}
		c.ID, c.CreatedBy = a.cfg.NewID(), actorID(l.actor)
		if err := store.InsertContact(ctx, tx, c); err != nil {
			return nil, err
		}
		if _, _, err := a.saveTagsAndCustom(ctx, tx, l.actor, "contact", c.ID, tagNames, nil, true); err != nil {
			return nil, err
		}
		if err := a.indexContact(ctx, tx, c.ID); err != nil {
			return nil, err
		}
		if l.batch != nil {
			if err := store.InsertImportRecord(ctx, tx, l.batch.ID, store.ImportRecord{Entity: "contact", RecordID: c.ID, Action: "created"}); err != nil {
				return nil, err
			}
		}
		if err := a.record(ctx, tx, actorID(l.actor), Change{Action: ActionContactCreated, Entity: "contact", ID: c.ID,
			Name: c.DisplayName, Fields: contactFields(c), Owner: c.OwnerID}); err != nil {
			return nil, err
		}
		l.contacts++
		ids = append(ids, c.ID)
	}
	return ids, nil
}

// teamAddresses are the users' own addresses.
func (a *App) teamAddresses(ctx context.Context, q store.Querier) (map[string]bool, error) {
	list, err := store.UserEmails(ctx, q)
	out := make(map[string]bool, len(list))
	for _, e := range list {
		out[e] = true
	}
	return out, err
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// EmailLoggingOn tells whether the instance logs email; an admin may turn
// it off, and then no path logs a message.
func (a *App) EmailLoggingOn(ctx context.Context) bool {
	v, err := store.Setting(ctx, a.db.Reader(), "email_logging", "on")
	return err != nil || v != "off"
}

// SetEmailLogging turns email logging on or off for the instance (admins).
// Messages logged earlier stay on their timelines.
func (a *App) SetEmailLogging(ctx context.Context, actor Actor, on bool) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	value := map[bool]string{true: "on", false: "off"}[on]
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutSetting(ctx, tx, "email_logging", value); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSettingsUpdated, Entity: "settings", ID: "email_logging",
			Details: map[string]any{"email_logging": value}})
	})
}

// checkEmailLogging refuses to log while the instance has email logging off.
func (a *App) checkEmailLogging(ctx context.Context) error {
	if !a.EmailLoggingOn(ctx) {
		return errorf(EForbidden, "error.email_logging_off")
	}
	return nil
}
