-- Custom fields on contacts, companies and deals; their select options;
-- their values; saved segments; each user's chosen list columns.

CREATE TABLE custom_fields (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact','company','deal')),
    key         TEXT NOT NULL,                 -- stable slug: the API and imports name the field by it
    label       TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('text','long_text','number','money','date','bool',
                                              'select','multi_select','url','email','phone')),
    help        TEXT NOT NULL DEFAULT '',
    required    INTEGER NOT NULL DEFAULT 0,
    group_name  TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL DEFAULT '',      -- money fields: the default currency
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (entity, key)
);

-- Options are kept by id, so renaming one keeps every value that chose it.
CREATE TABLE custom_field_options (
    id        TEXT PRIMARY KEY,
    field_id  TEXT NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
    label     TEXT NOT NULL,
    position  INTEGER NOT NULL
);
CREATE INDEX custom_field_options_field ON custom_field_options(field_id, position);

-- One table for every value. `value` has no declared type, so SQLite keeps
-- each as given: REAL for numbers, INTEGER for money (minor units) and
-- yes/no, TEXT 'YYYY-MM-DD' for dates, an option id for selects, text for
-- the rest. A field's values all share one type, so (field_id, value)
-- orders and compares them correctly, and filters and sorts on a field
-- seek on custom_values_value. A multi select has one row per option.
CREATE TABLE custom_values (
    field_id  TEXT NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
    record_id TEXT NOT NULL,
    value     NOT NULL,
    currency  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (field_id, record_id, value)
) WITHOUT ROWID;
CREATE INDEX custom_values_value  ON custom_values(field_id, value, record_id);
CREATE INDEX custom_values_record ON custom_values(record_id);

-- Purged records take their values with them.
CREATE TRIGGER contacts_custom_values_purge AFTER DELETE ON contacts BEGIN
    DELETE FROM custom_values WHERE record_id = old.id;
END;
CREATE TRIGGER companies_custom_values_purge AFTER DELETE ON companies BEGIN
    DELETE FROM custom_values WHERE record_id = old.id;
END;
CREATE TRIGGER deals_custom_values_purge AFTER DELETE ON deals BEGIN
    DELETE FROM custom_values WHERE record_id = old.id;
END;

-- A saved filter: the query text in the filter syntax, for one entity.
CREATE TABLE segments (
    id         TEXT PRIMARY KEY,
    entity     TEXT NOT NULL CHECK (entity IN ('contact','company','deal')),
    name       TEXT NOT NULL,
    query      TEXT NOT NULL,
    shared     INTEGER NOT NULL DEFAULT 0,     -- 0: only its owner sees it
    owner_id   TEXT REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX segments_owner ON segments(entity, owner_id, name);

-- The columns a user chose for a list (field keys, in order).
CREATE TABLE list_columns (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    entity  TEXT NOT NULL,
    columns TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (user_id, entity)
) WITHOUT ROWID;
