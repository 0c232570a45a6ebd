-- Imports: each run of an import is a batch. Every record a batch created
-- or updated is listed in import_records (with the record as it was before
-- an update), so a whole batch can be undone in one action. Rows that
-- failed are kept with their line number and cells, to download and fix.

CREATE TABLE import_batches (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    file_name   TEXT NOT NULL DEFAULT '',
    file_hash   TEXT NOT NULL DEFAULT '',   -- sha256 of the file: a re-run of the same file resumes
    preset      TEXT NOT NULL DEFAULT '',
    encoding    TEXT NOT NULL DEFAULT '',
    tag         TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'undone')),
    rows_done   INTEGER NOT NULL DEFAULT 0, -- data rows committed so far (whole chunks only)
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    undone_at   TEXT
);
CREATE INDEX import_batches_created ON import_batches(created_at, id);
CREATE INDEX import_batches_hash ON import_batches(file_hash, status);

CREATE TABLE import_records (
    batch_id  TEXT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,              -- contact or company (companies an import created by name)
    record_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    before    TEXT NOT NULL DEFAULT '',   -- JSON of the record before an update
    PRIMARY KEY (batch_id, entity, record_id)
) WITHOUT ROWID;
CREATE INDEX import_records_record ON import_records(entity, record_id);

CREATE TABLE import_failures (
    batch_id TEXT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    line     INTEGER NOT NULL,            -- line of the file where the row starts
    field    TEXT NOT NULL DEFAULT '',
    message  TEXT NOT NULL,               -- catalog key
    cells    TEXT NOT NULL DEFAULT '[]',  -- JSON array: the row as read
    PRIMARY KEY (batch_id, line, field)
) WITHOUT ROWID;
