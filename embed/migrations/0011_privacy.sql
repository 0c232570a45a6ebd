-- Roles and permissions, record visibility and privacy (issue 10).

-- role_permissions overrides the built-in defaults of app/permission.go:
-- one row per role and area that an admin changed. A missing row means the
-- default, so a new area added later gets its sensible default everywhere.
CREATE TABLE role_permissions (
    role  TEXT NOT NULL,
    area  TEXT NOT NULL,
    level TEXT NOT NULL,  -- none, view, create, edit, delete, manage
    PRIMARY KEY (role, area)
) WITHOUT ROWID;

-- role_visibility says whether a role sees every record or only the ones
-- its users own or are assigned to. A missing row means "all".
CREATE TABLE role_visibility (
    role  TEXT PRIMARY KEY,
    scope TEXT NOT NULL   -- all, own
) WITHOUT ROWID;

-- Consent and contact preferences of one person. Kept apart from contacts
-- so the contact row stays what the lists read.
CREATE TABLE contact_consent (
    contact_id      TEXT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'unknown', -- unknown, granted, withdrawn
    given_at        TEXT,                            -- when the person agreed or withdrew, UTC
    source          TEXT NOT NULL DEFAULT '',        -- "web form", "phone call", …
    wording         TEXT NOT NULL DEFAULT '',        -- the text the person agreed to
    do_not_contact  INTEGER NOT NULL DEFAULT 0,
    unsubscribed_at TEXT,
    updated_at      TEXT NOT NULL
) WITHOUT ROWID;

-- The search index learns each record's owner, so a user who sees only
-- their own records finds only those.
ALTER TABLE search_docs ADD COLUMN owner_id TEXT NOT NULL DEFAULT '';
UPDATE search_docs SET owner_id = coalesce((SELECT owner_id FROM contacts WHERE id = search_docs.ref), '') WHERE kind = 'contact';
UPDATE search_docs SET owner_id = coalesce((SELECT owner_id FROM companies WHERE id = search_docs.ref), '') WHERE kind = 'company';
UPDATE search_docs SET owner_id = coalesce((SELECT owner_id FROM deals WHERE id = search_docs.ref), '') WHERE kind = 'deal';
UPDATE search_docs SET owner_id = coalesce((SELECT user_id FROM activities WHERE id = search_docs.ref), '') WHERE kind = 'activity';
CREATE INDEX search_docs_owner ON search_docs(owner_id, rowid);

-- Field protection: a custom field hidden from a role, or read-only for
-- it. No row means the role sees and edits the field.
CREATE TABLE field_protection (
    field_id TEXT NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    mode     TEXT NOT NULL CHECK (mode IN ('hidden', 'read_only')),
    PRIMARY KEY (field_id, role)
) WITHOUT ROWID;
