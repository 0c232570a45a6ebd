-- A contact's photo (issue 16): one JPEG per contact, re-encoded by the
-- app (at most 512 px, no metadata), kept inside the database file. A
-- table of its own so that list queries never read the bytes; a list
-- asks only whether a row exists, through the primary key's index.
-- updated_at comes before data so that reading it never touches the
-- blob's overflow pages.
CREATE TABLE contact_photos (
    contact_id TEXT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    updated_at TEXT NOT NULL,
    data       BLOB NOT NULL
);
