-- Merges of duplicate contacts and companies (issue 7), kept so a merge
-- can be undone: which record survived, which went to the trash, the
-- survivor's fields before the merge, and what moved from one to the
-- other. Undo moves exactly those links back and restores the merged-away
-- record from the trash.
CREATE TABLE merges (
    id               TEXT PRIMARY KEY,                          -- UUIDv7: time order
    entity           TEXT NOT NULL CHECK (entity IN ('contact', 'company')),
    survivor_id      TEXT NOT NULL,
    merged_id        TEXT NOT NULL,                             -- the record that went to the trash
    survivor_name    TEXT NOT NULL DEFAULT '',
    merged_name      TEXT NOT NULL DEFAULT '',
    survivor_version INTEGER NOT NULL,                          -- right after the merge: a later edit keeps its fields on undo
    survivor_before  TEXT NOT NULL DEFAULT '{}',                -- JSON: the survivor's input before the merge
    links            TEXT NOT NULL DEFAULT '{}',                -- JSON: per link kind, what the merged record had and what the survivor shared
    at               TEXT NOT NULL,
    actor_id         TEXT REFERENCES users(id) ON DELETE SET NULL,
    undone_at        TEXT
);
CREATE INDEX merges_recent ON merges(entity, id) WHERE undone_at IS NULL;
