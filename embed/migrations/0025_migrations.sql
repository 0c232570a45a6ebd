-- Whole-CRM migrations (rolo import pipedrive|hubspot): one migration is
-- one import batch of entity 'migration', so it is listed and undone like
-- the others. Its rows come from several files of one export, so a
-- problem names its file as well as its line. SQLite cannot change a
-- CHECK or a primary key in place: the three import tables are rebuilt as
-- in 0016 (children copied and dropped before their parent).
CREATE TABLE import_batches_new (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal', 'email', 'migration')),
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
    file     TEXT NOT NULL DEFAULT '',    -- the export's file, for a migration; '' for a one-file import
    line     INTEGER NOT NULL,
    field    TEXT NOT NULL DEFAULT '',
    message  TEXT NOT NULL,
    cells    TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (batch_id, file, line, field)
) WITHOUT ROWID;
INSERT INTO import_failures_new (batch_id, line, field, message, cells) SELECT batch_id, line, field, message, cells FROM import_failures;
DROP TABLE import_failures;
DROP TABLE import_records;
DROP TABLE import_batches;
ALTER TABLE import_batches_new RENAME TO import_batches;
ALTER TABLE import_records_new RENAME TO import_records;
ALTER TABLE import_failures_new RENAME TO import_failures;
CREATE INDEX import_batches_created ON import_batches(created_at, id);
CREATE INDEX import_batches_hash ON import_batches(file_hash, status);
CREATE INDEX import_records_record ON import_records(entity, record_id);

-- The other CRM's id of every record a migration brought over (or found
-- already here), so running the same migration again finds them instead
-- of adding them twice. Undoing the migration forgets its rows.
CREATE TABLE migration_ids (
    source      TEXT NOT NULL,   -- pipedrive or hubspot
    kind        TEXT NOT NULL,   -- companies, contacts, deals, activities, notes
    external_id TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    batch_id    TEXT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    PRIMARY KEY (source, kind, external_id)
) WITHOUT ROWID;
CREATE INDEX migration_ids_batch ON migration_ids(batch_id);
