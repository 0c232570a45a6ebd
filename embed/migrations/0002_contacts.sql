-- Contacts, companies and tags, with trash (deleted_at) and optimistic
-- locking (version). Lists page by keyset over the partial indexes below;
-- each excludes trashed rows so the live lists never read them.

CREATE TABLE companies (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    sort_name           TEXT NOT NULL,          -- case-folded name, the sort key
    domain              TEXT NOT NULL DEFAULT '',
    website             TEXT NOT NULL DEFAULT '',
    industry            TEXT NOT NULL DEFAULT '',
    size                TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    phone_e164          TEXT NOT NULL DEFAULT '',
    address_street      TEXT NOT NULL DEFAULT '',
    address_city        TEXT NOT NULL DEFAULT '',
    address_region      TEXT NOT NULL DEFAULT '',
    address_postal_code TEXT NOT NULL DEFAULT '',
    address_country     TEXT NOT NULL DEFAULT '',
    owner_id            TEXT REFERENCES users(id) ON DELETE SET NULL,
    notes               TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    created_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at          TEXT,
    deleted_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    -- owner_id without NULLs: "no owner" becomes a filterable value, and
    -- keyset row-value comparisons seek on the index (an expression would
    -- make SQLite scan it instead).
    owner_key           TEXT GENERATED ALWAYS AS (coalesce(owner_id, '')) VIRTUAL
);
CREATE INDEX companies_name    ON companies(sort_name, id)  WHERE deleted_at IS NULL;
CREATE INDEX companies_created ON companies(created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX companies_updated ON companies(updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX companies_owner   ON companies(owner_key, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX companies_trash   ON companies(deleted_at, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX companies_domain  ON companies(domain) WHERE domain <> '';

CREATE TABLE contacts (
    id                  TEXT PRIMARY KEY,
    first_name          TEXT NOT NULL DEFAULT '',
    last_name           TEXT NOT NULL DEFAULT '',
    display_name        TEXT NOT NULL,
    sort_name           TEXT NOT NULL,
    title               TEXT NOT NULL DEFAULT '',
    company_id          TEXT REFERENCES companies(id) ON DELETE SET NULL,
    address_street      TEXT NOT NULL DEFAULT '',
    address_city        TEXT NOT NULL DEFAULT '',
    address_region      TEXT NOT NULL DEFAULT '',
    address_postal_code TEXT NOT NULL DEFAULT '',
    address_country     TEXT NOT NULL DEFAULT '',
    birthday            TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD, or --MM-DD without a year (ISO 8601, as vCard)
    website             TEXT NOT NULL DEFAULT '',
    social              TEXT NOT NULL DEFAULT '[]', -- JSON [{label, value}]: handles are shown, never matched
    lead_source         TEXT NOT NULL DEFAULT '',
    lifecycle_status    TEXT NOT NULL DEFAULT 'lead'
        CHECK (lifecycle_status IN ('subscriber','lead','qualified','opportunity','customer','evangelist','churned','other')),
    owner_id            TEXT REFERENCES users(id) ON DELETE SET NULL,
    notes               TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    created_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at          TEXT,
    deleted_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    owner_key           TEXT GENERATED ALWAYS AS (coalesce(owner_id, '')) VIRTUAL,
    company_key         TEXT GENERATED ALWAYS AS (coalesce(company_id, '')) VIRTUAL
);
-- One index per sort, and per filter with the name sort; filters with
-- other sorts read the filter's index and sort that subset.
CREATE INDEX contacts_name    ON contacts(sort_name, id)  WHERE deleted_at IS NULL;
CREATE INDEX contacts_created ON contacts(created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_updated ON contacts(updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_owner   ON contacts(owner_key, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_status  ON contacts(lifecycle_status, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_company ON contacts(company_key, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_trash   ON contacts(deleted_at, id) WHERE deleted_at IS NOT NULL;

CREATE TABLE contact_emails (
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,   -- 0 is the primary address
    label      TEXT NOT NULL DEFAULT '',
    value      TEXT NOT NULL,      -- lower-cased
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
CREATE INDEX contact_emails_value ON contact_emails(value);

CREATE TABLE contact_phones (
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    value      TEXT NOT NULL,      -- as typed, for display
    e164       TEXT NOT NULL DEFAULT '', -- normalised, for matching; '' when not parseable
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
CREATE INDEX contact_phones_e164 ON contact_phones(e164) WHERE e164 <> '';

CREATE TABLE tags (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,   -- case-folded name: tags are case-insensitive
    color      TEXT NOT NULL DEFAULT '#6b7280',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE contact_tags (
    tag_id     TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_contact ON contact_tags(contact_id, tag_id);

CREATE TABLE company_tags (
    tag_id     TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, company_id)
) WITHOUT ROWID;
CREATE INDEX company_tags_company ON company_tags(company_id, tag_id);

-- The global audit log page filters by kind of record, newest first.
CREATE INDEX audit_log_kind ON audit_log(entity, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
