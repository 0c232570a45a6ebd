-- Email in the timeline (issue 21): messages dropped on a record, imported
-- from an mbox or a folder of .eml files, or fetched from an IMAP folder
-- become activities of type 'email'; this table keeps what a message adds
-- to its activity (the subject is the activity's outcome, the new text its
-- body, the links its people and records).
--
-- Message-IDs are kept only as SHA-256 hashes: they de-duplicate a message
-- across every path ("one conversation, once") and thread replies, and a
-- hash cannot leak an address that a Message-ID may contain. A message
-- without a Message-ID is keyed by a hash of its date, sender, subject and
-- text.
CREATE TABLE email_messages (
    activity_id TEXT PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
    message_key TEXT NOT NULL UNIQUE,
    thread_key  TEXT NOT NULL,             -- the first message of its thread (References), else its parent's thread, else itself
    parent_key  TEXT NOT NULL DEFAULT '',  -- In-Reply-To
    from_addr   TEXT NOT NULL DEFAULT '{}', -- JSON {"name", "address"}
    to_addrs    TEXT NOT NULL DEFAULT '[]', -- JSON [{"name", "address"}]
    cc_addrs    TEXT NOT NULL DEFAULT '[]',
    quoted      TEXT NOT NULL DEFAULT '',  -- the earlier messages a reply quotes, folded away on the timeline
    attachments TEXT NOT NULL DEFAULT '[]', -- JSON [{"name", "type", "size"}]: names and sizes only, never the files
    truncated   INTEGER NOT NULL DEFAULT 0,
    source      TEXT NOT NULL CHECK (source IN ('file', 'import', 'imap')),
    created_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX email_messages_thread ON email_messages(thread_key, activity_id);

-- An IMAP account per user that Rolo polls. The app password is sealed
-- (AES-256-GCM) with a key kept in a file beside the database, never in
-- it: a copy of rolo.db alone does not give the password away. After a
-- failing check the next one waits longer (next_check_at), so a wrong
-- password is not tried in a tight loop.
CREATE TABLE email_accounts (
    user_id       TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    host          TEXT NOT NULL,
    port          INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security      TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
    username      TEXT NOT NULL,
    password      BLOB NOT NULL,
    folders       TEXT NOT NULL DEFAULT '["INBOX"]', -- JSON list of folder names
    enabled       INTEGER NOT NULL DEFAULT 1,
    last_check_at TEXT,
    last_ok_at    TEXT,
    last_error    TEXT NOT NULL DEFAULT '',  -- catalog key of the last failure; '' after a good check
    failures      INTEGER NOT NULL DEFAULT 0, -- failed checks in a row
    logged        INTEGER NOT NULL DEFAULT 0, -- messages logged from this account
    next_check_at TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX email_accounts_due ON email_accounts(enabled, next_check_at);

-- Where each watched folder was read up to: messages with a greater UID
-- are new. A changed UIDVALIDITY means the server renumbered the folder;
-- it is read again, and de-duplication keeps what was logged.
CREATE TABLE email_folders (
    user_id      TEXT NOT NULL REFERENCES email_accounts(user_id) ON DELETE CASCADE,
    folder       TEXT NOT NULL,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    PRIMARY KEY (user_id, folder)
) WITHOUT ROWID;

-- An email import is an import batch like a CSV's (listed with the others,
-- undone the same way), so import_batches' entity check learns 'email'.
-- SQLite cannot change a CHECK in place: the three import tables are
-- rebuilt. The children are copied and dropped before their parent, so
-- dropping the parent cascades to nothing; renaming the new parent
-- rewrites the children's references to it.
CREATE TABLE import_batches_new (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal', 'email')),
    file_name   TEXT NOT NULL DEFAULT '',
    file_hash   TEXT NOT NULL DEFAULT '',
    preset      TEXT NOT NULL DEFAULT '',
    encoding    TEXT NOT NULL DEFAULT '',
    tag         TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'undone')),
    rows_done   INTEGER NOT NULL DEFAULT 0,
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    undone_at   TEXT
);
INSERT INTO import_batches_new SELECT id, entity, file_name, file_hash, preset, encoding, tag, status, rows_done,
    created, updated, skipped, failed, created_by, created_at, finished_at, undone_at FROM import_batches;
CREATE TABLE import_records_new (
    batch_id  TEXT NOT NULL REFERENCES import_batches_new(id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    before    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, entity, record_id)
) WITHOUT ROWID;
INSERT INTO import_records_new SELECT batch_id, entity, record_id, action, before FROM import_records;
CREATE TABLE import_failures_new (
    batch_id TEXT NOT NULL REFERENCES import_batches_new(id) ON DELETE CASCADE,
    line     INTEGER NOT NULL,
    field    TEXT NOT NULL DEFAULT '',
    message  TEXT NOT NULL,
    cells    TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (batch_id, line, field)
) WITHOUT ROWID;
INSERT INTO import_failures_new SELECT batch_id, line, field, message, cells FROM import_failures;
DROP TABLE import_failures;
DROP TABLE import_records;
DROP TABLE import_batches;
ALTER TABLE import_batches_new RENAME TO import_batches;
ALTER TABLE import_records_new RENAME TO import_records;
ALTER TABLE import_failures_new RENAME TO import_failures;
CREATE INDEX import_batches_created ON import_batches(created_at, id);
CREATE INDEX import_batches_hash ON import_batches(file_hash, status);
CREATE INDEX import_records_record ON import_records(entity, record_id);
