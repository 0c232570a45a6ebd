package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// EmailMessage is what a logged message adds to its activity: the
// subject is the activity's outcome and the new text its body. The
// address lists and attachments are JSON as app wrote them.
type EmailMessage struct {
	ActivityID  string
	MessageKey  string // SHA-256 of the Message-ID
	ThreadKey   string
	ParentKey   string
	From        string // JSON object
	To, Cc      string // JSON arrays
	Quoted      string
	Attachments string // JSON array
	Truncated   bool
	Source      string // file, import or imap
}

// InsertEmailMessage stores m beside its activity.
func InsertEmailMessage(ctx context.Context, tx *Tx, m EmailMessage) error {
	_, err := tx.exec(ctx, `INSERT INTO email_messages (activity_id, message_key, thread_key, parent_key, from_addr, to_addrs,
		cc_addrs, quoted, attachments, truncated, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ActivityID, m.MessageKey, m.ThreadKey, m.ParentKey, m.From, m.To, m.Cc, m.Quoted, m.Attachments, m.Truncated,
		m.Source, FormatTime(tx.Now))
	return translate(err)
}

// EmailByKey finds the logged message with this key and whether its
// activity is in the trash; ErrNotFound when it was never logged.
func EmailByKey(ctx context.Context, q Querier, key string) (activityID string, trashed bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT m.activity_id, a.deleted_at IS NOT NULL FROM email_messages m
		JOIN activities a ON a.id = m.activity_id WHERE m.message_key = ?`, key).Scan(&activityID, &trashed)
	return activityID, trashed, translate(err)
}

// EmailKeysLogged returns which of keys are already logged, trashed or not.
func EmailKeysLogged(ctx context.Context, q Querier, keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(keys) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(keys)
	rows, err := q.QueryContext(ctx, `SELECT message_key FROM email_messages WHERE message_key IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, err
	}
	err = eachRow(rows, func() error {
		var k string
		err := rows.Scan(&k)
		out[k] = true
		return err
	})
	return out, err
}

// ThreadOf is the thread of the logged message with this key; "" when
// no such message was logged.
func ThreadOf(ctx context.Context, q Querier, key string) (string, error) {
	var thread string
	err := q.QueryRowContext(ctx, `SELECT thread_key FROM email_messages WHERE message_key = ?`, key).Scan(&thread)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return thread, translate(err)
}

// JoinThread moves the messages of thread from into thread to: a reply
// that arrived first started a thread of its own, and its parent, logged
// later, names the thread's real start.
func JoinThread(ctx context.Context, tx *Tx, from, to string) error {
	if from == to {
		return nil
	}
	_, err := tx.exec(ctx, `UPDATE email_messages SET thread_key = ? WHERE thread_key = ?`, to, from)
	return translate(err)
}

// PurgeActivity deletes an activity for good, with its links and email
// message: a trashed email logged again starts afresh.
func PurgeActivity(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM activities WHERE id = ?`, id)
	return translate(err)
}

// AddActivityLinks links an activity to more records (a logged message
// dropped again on another record).
func AddActivityLinks(ctx context.Context, tx *Tx, a Activity) error {
	return insertActivityLinks(ctx, tx, a)
}

// EmailMessages loads the email parts of the activities ids.
func EmailMessages(ctx context.Context, q Querier, ids []string) (map[string]EmailMessage, error) {
	out := map[string]EmailMessage{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	rows, err := q.QueryContext(ctx, `SELECT activity_id, message_key, thread_key, parent_key, from_addr, to_addrs, cc_addrs,
		quoted, attachments, truncated, source FROM email_messages WHERE activity_id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, err
	}
	err = eachRow(rows, func() error {
		var m EmailMessage
		err := rows.Scan(&m.ActivityID, &m.MessageKey, &m.ThreadKey, &m.ParentKey, &m.From, &m.To, &m.Cc, &m.Quoted,
			&m.Attachments, &m.Truncated, &m.Source)
		out[m.ActivityID] = m
		return err
	})
	return out, err
}

// ForgetEmailBodies empties the text, quoted text and addresses of the
// logged messages linked to a record (an erased person's): their
// subjects and dates stay on the other people's timelines.
func ForgetEmailBodies(ctx context.Context, tx *Tx, entity, id string) error {
	_, err := tx.exec(ctx, `UPDATE activities SET body = '' WHERE type_id = 'email' AND id IN (
		SELECT activity_id FROM activity_links WHERE entity = ? AND entity_id = ?)`, entity, id)
	if err != nil {
		return translate(err)
	}
	_, err = tx.exec(ctx, `UPDATE email_messages SET quoted = '', from_addr = '{}', to_addrs = '[]', cc_addrs = '[]' WHERE activity_id IN (
		SELECT activity_id FROM activity_links WHERE entity = ? AND entity_id = ?)`, entity, id)
	return translate(err)
}

// EmailAccount is one user's IMAP account as stored; the password is
// sealed.
type EmailAccount struct {
	UserID      string
	Host        string
	Port        int
	Security    string // tls, starttls or none
	Username    string
	Password    []byte // sealed
	Folders     string // JSON list
	Enabled     bool
	LastCheckAt time.Time
	LastOKAt    time.Time
	LastError   string
	Failures    int
	Logged      int
	NextCheckAt time.Time
	UpdatedAt   time.Time
}

const emailAccountColumns = `user_id, host, port, security, username, password, folders, enabled, coalesce(last_check_at, ''),
	coalesce(last_ok_at, ''), last_error, failures, logged, next_check_at, updated_at`

func scanEmailAccount(sc rowScanner) (EmailAccount, error) {
	var e EmailAccount
	var check, ok, next, updated string
	err := sc.Scan(&e.UserID, &e.Host, &e.Port, &e.Security, &e.Username, &e.Password, &e.Folders, &e.Enabled, &check, &ok,
		&e.LastError, &e.Failures, &e.Logged, &next, &updated)
	if err != nil {
		return e, translate(err)
	}
	e.LastCheckAt, e.LastOKAt, e.NextCheckAt, e.UpdatedAt = ParseTime(check), ParseTime(ok), ParseTime(next), ParseTime(updated)
	return e, nil
}

// EmailAccountOf loads a user's account; ErrNotFound when they have none.
func EmailAccountOf(ctx context.Context, q Querier, userID string) (EmailAccount, error) {
	return scanEmailAccount(q.QueryRowContext(ctx, `SELECT `+emailAccountColumns+` FROM email_accounts WHERE user_id = ?`, userID))
}

// SaveEmailAccount creates or replaces a user's account settings; a
// changed server or user name starts the folders afresh.
func SaveEmailAccount(ctx context.Context, tx *Tx, e EmailAccount) error {
	now := FormatTime(tx.Now)
	_, err := tx.exec(ctx, `INSERT INTO email_accounts (user_id, host, port, security, username, password, folders, enabled,
		last_error, failures, next_check_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security,
		username = excluded.username, password = excluded.password, folders = excluded.folders, enabled = excluded.enabled,
		last_error = '', failures = 0, next_check_at = excluded.next_check_at, updated_at = excluded.updated_at`,
		e.UserID, e.Host, e.Port, e.Security, e.Username, e.Password, e.Folders, e.Enabled, FormatTime(e.NextCheckAt), now, now)
	if err != nil {
		return translate(err)
	}
	_, err = tx.exec(ctx, `DELETE FROM email_folders WHERE user_id = ? AND folder NOT IN (SELECT value FROM json_each(?))`, e.UserID, e.Folders)
	return translate(err)
}

// ResetEmailFolders forgets where every folder of an account was read to.
func ResetEmailFolders(ctx context.Context, tx *Tx, userID string) error {
	_, err := tx.exec(ctx, `DELETE FROM email_folders WHERE user_id = ?`, userID)
	return translate(err)
}

// DeleteEmailAccount removes a user's account and its folder state.
func DeleteEmailAccount(ctx context.Context, tx *Tx, userID string) error {
	res, err := tx.exec(ctx, `DELETE FROM email_accounts WHERE user_id = ?`, userID)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// DueEmailAccounts lists the enabled accounts whose next check is due.
func DueEmailAccounts(ctx context.Context, q Querier, now time.Time) ([]EmailAccount, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+emailAccountColumns+` FROM email_accounts
		WHERE enabled = 1 AND next_check_at <= ? ORDER BY next_check_at LIMIT 100`, FormatTime(now))
	if err != nil {
		return nil, err
	}
	var out []EmailAccount
	err = eachRow(rows, func() error {
		e, err := scanEmailAccount(rows)
		out = append(out, e)
		return err
	})
	return out, err
}

// FinishEmailCheck records the outcome of a check: errKey "" for a good
// one (failures start again from zero), else the failure's catalog key.
func FinishEmailCheck(ctx context.Context, tx *Tx, userID, errKey string, logged int, next time.Time) error {
	now := FormatTime(tx.Now)
	_, err := tx.exec(ctx, `UPDATE email_accounts SET last_check_at = ?, last_error = ?,
		last_ok_at = CASE WHEN ? = '' THEN ? ELSE last_ok_at END,
		failures = CASE WHEN ? = '' THEN 0 ELSE failures + 1 END,
		logged = logged + ?, next_check_at = ? WHERE user_id = ?`,
		now, errKey, errKey, now, errKey, logged, FormatTime(next), userID)
	return translate(err)
}

// EmailFolderState is where a watched folder was read up to.
type EmailFolderState struct {
	UIDValidity, LastUID uint32
}

// EmailFolderStates loads where each folder of a user's account was read to.
func EmailFolderStates(ctx context.Context, q Querier, userID string) (map[string]EmailFolderState, error) {
	rows, err := q.QueryContext(ctx, `SELECT folder, uid_validity, last_uid FROM email_folders WHERE user_id = ?`, userID)
	if err != nil {
		return nil, err
	}
	out := map[string]EmailFolderState{}
	err = eachRow(rows, func() error {
		var name string
		var s EmailFolderState
		err := rows.Scan(&name, &s.UIDValidity, &s.LastUID)
		out[name] = s
		return err
	})
	return out, err
}

// SaveEmailFolderState records where a folder was read up to.
func SaveEmailFolderState(ctx context.Context, tx *Tx, userID, folder string, s EmailFolderState) error {
	_, err := tx.exec(ctx, `INSERT INTO email_folders (user_id, folder, uid_validity, last_uid) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid`,
		userID, folder, s.UIDValidity, s.LastUID)
	return translate(err)
}

// UserEmails lists every user's address, for telling a team's own
// addresses from their customers'.
func UserEmails(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT lower(email) FROM users`)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}
