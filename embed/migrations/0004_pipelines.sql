-- Pipelines, stages and deals. A pipeline is an ordered list of stages; a
-- deal sits in one stage of one pipeline, and every stage change is kept in
-- deal_stage_history so time in stage and time to close can be measured.
-- Pipelines, stages and deals go to the trash (deleted_at) like contacts.

-- name_key: the built-in pipeline and stages are named by catalog keys,
-- so each reader sees them in their own language; renaming stores name and
-- the key no longer shows.
CREATE TABLE pipelines (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL DEFAULT '',
    name_key    TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,            -- renumbered 0..n-1 by each reorder
    archived_at TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at  TEXT,
    deleted_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    CHECK (name <> '' OR name_key <> '')
);
CREATE INDEX pipelines_order ON pipelines(position, id) WHERE deleted_at IS NULL;
CREATE INDEX pipelines_trash ON pipelines(deleted_at, id) WHERE deleted_at IS NOT NULL;

-- kind: deals in a won or lost stage are closed with that outcome.
CREATE TABLE stages (
    id          TEXT PRIMARY KEY,
    pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    name        TEXT NOT NULL DEFAULT '',
    name_key    TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    probability INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
    rot_days    INTEGER CHECK (rot_days IS NULL OR rot_days > 0),
    kind        TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open','won','lost')),
    archived_at TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at  TEXT,
    deleted_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    CHECK (name <> '' OR name_key <> '')
);
CREATE INDEX stages_pipeline ON stages(pipeline_id, position, id) WHERE deleted_at IS NULL;
CREATE INDEX stages_trash ON stages(pipeline_id, deleted_at) WHERE deleted_at IS NOT NULL;

-- value is in the currency's minor units (cents; yen and won have none).
-- position orders the cards of one stage's column: a rank string that sorts
-- as text, so moving a card rewrites one row, not the whole column.
-- stage_id has no ON DELETE action: a stage that still holds deals cannot be
-- removed, so no deal is ever orphaned.
CREATE TABLE deals (
    id                  TEXT PRIMARY KEY,
    title               TEXT NOT NULL,
    sort_title          TEXT NOT NULL,       -- case-folded title, the sort key
    value               INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
    currency            TEXT NOT NULL CHECK (length(currency) = 3),
    pipeline_id         TEXT NOT NULL REFERENCES pipelines(id),
    stage_id            TEXT NOT NULL REFERENCES stages(id),
    position            TEXT NOT NULL,
    company_id          TEXT REFERENCES companies(id) ON DELETE SET NULL,
    contact_id          TEXT REFERENCES contacts(id) ON DELETE SET NULL, -- the primary contact
    owner_id            TEXT REFERENCES users(id) ON DELETE SET NULL,
    expected_close_date TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
    source              TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','won','lost')),
    lost_reason         TEXT NOT NULL DEFAULT '',
    closed_at           TEXT,
    stage_entered_at    TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    created_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at          TEXT,
    deleted_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    -- References without NULLs, so "none" is a filterable value and keyset
    -- comparisons seek on the index (as in contacts). Owner filters use
    -- owner_id itself: an index over a generated column never covers a query.
    owner_key           TEXT GENERATED ALWAYS AS (coalesce(owner_id, '')) VIRTUAL,
    company_key         TEXT GENERATED ALWAYS AS (coalesce(company_id, '')) VIRTUAL,
    contact_key         TEXT GENERATED ALWAYS AS (coalesce(contact_id, '')) VIRTUAL,
    -- Deals without an expected close date sort after every dated one.
    close_key           TEXT GENERATED ALWAYS AS (CASE expected_close_date WHEN '' THEN '9999-12-31' ELSE expected_close_date END) VIRTUAL,
    CHECK ((status = 'open') = (closed_at IS NULL))
);
-- The board: one column is a seek on stage_id, in card order. Unique among
-- live deals, so two concurrent moves can never share a place.
CREATE UNIQUE INDEX deals_column ON deals(stage_id, position) WHERE deleted_at IS NULL;
-- Column counts and totals per currency read this index alone (deleted_at
-- is in it so that SQLite sees it covers the query's own deleted_at test).
CREATE INDEX deals_totals ON deals(pipeline_id, status, stage_id, currency, value, deleted_at) WHERE deleted_at IS NULL;
-- The same for one owner's board ("my deals"), the most used filter.
CREATE INDEX deals_owner_totals ON deals(pipeline_id, owner_id, status, stage_id, currency, value, deleted_at) WHERE deleted_at IS NULL;
-- Rotting deals: open deals of a stage, longest waiting first.
CREATE INDEX deals_rotting ON deals(stage_id, stage_entered_at) WHERE deleted_at IS NULL AND status = 'open';
-- The list view of one pipeline, one index per sort.
CREATE INDEX deals_pipeline_title   ON deals(pipeline_id, sort_title, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_pipeline_value   ON deals(pipeline_id, value, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_pipeline_close   ON deals(pipeline_id, close_key, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_pipeline_created ON deals(pipeline_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_pipeline_updated ON deals(pipeline_id, updated_at, id) WHERE deleted_at IS NULL;
-- The same sorts across every pipeline (the API without a pipeline filter).
CREATE INDEX deals_title   ON deals(sort_title, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_value   ON deals(value, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_close   ON deals(close_key, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_created ON deals(created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_updated ON deals(updated_at, id) WHERE deleted_at IS NULL;
-- Narrow filters: one owner's, company's or contact's deals.
CREATE INDEX deals_owner   ON deals(owner_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_company ON deals(company_key, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_contact ON deals(contact_key, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_trash   ON deals(deleted_at, id) WHERE deleted_at IS NOT NULL;

-- A deal's pipeline is its stage's pipeline; the app keeps them together and
-- these refuse any write that would not.
CREATE TRIGGER deals_stage_in_pipeline_insert BEFORE INSERT ON deals
    WHEN (SELECT pipeline_id FROM stages WHERE id = NEW.stage_id) IS NOT NEW.pipeline_id
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: deal stage is not in its pipeline');
END;
CREATE TRIGGER deals_stage_in_pipeline_update BEFORE UPDATE OF stage_id, pipeline_id ON deals
    WHEN (SELECT pipeline_id FROM stages WHERE id = NEW.stage_id) IS NOT NEW.pipeline_id
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: deal stage is not in its pipeline');
END;

-- Contacts on a deal besides the primary one.
CREATE TABLE deal_contacts (
    deal_id    TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (deal_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX deal_contacts_contact ON deal_contacts(contact_id, deal_id);

CREATE TABLE deal_tags (
    tag_id  TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    deal_id TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, deal_id)
) WITHOUT ROWID;
CREATE INDEX deal_tags_deal ON deal_tags(deal_id, tag_id);

-- Every stage a deal entered: from (NULL when the deal was created), to,
-- when and by whom. Stages are trashed, not deleted, while deals need them;
-- a stage purged with its pipeline leaves NULL here, and the row stays.
CREATE TABLE deal_stage_history (
    id            TEXT PRIMARY KEY,              -- UUIDv7, so also time order
    deal_id       TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    from_stage_id TEXT REFERENCES stages(id) ON DELETE SET NULL,
    to_stage_id   TEXT REFERENCES stages(id) ON DELETE SET NULL,
    at            TEXT NOT NULL,
    moved_by      TEXT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX deal_stage_history_deal ON deal_stage_history(deal_id, at, id);
CREATE INDEX deal_stage_history_stage ON deal_stage_history(to_stage_id, at);

-- The default sales pipeline of a new install, named by catalog keys.
INSERT INTO pipelines (id, name_key, position, created_at, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000001', 'pipeline.default.name', 0,
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO stages (id, pipeline_id, name_key, position, probability, rot_days, kind, created_at, updated_at)
SELECT '00000000-0000-7000-8000-0000000000' || s.n, '00000000-0000-7000-8000-000000000001', s.name_key, s.position,
       s.probability, s.rot_days, s.kind, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (SELECT '11' AS n, 'pipeline.default.first_outreach' AS name_key, 0 AS position, 10 AS probability, 14 AS rot_days, 'open' AS kind
      UNION ALL SELECT '12', 'pipeline.default.qualifying_call', 1, 20, 14, 'open'
      UNION ALL SELECT '13', 'pipeline.default.demo', 2, 40, 21, 'open'
      UNION ALL SELECT '14', 'pipeline.default.proposal', 3, 60, 21, 'open'
      UNION ALL SELECT '15', 'pipeline.default.contract_review', 4, 80, 30, 'open'
      UNION ALL SELECT '16', 'pipeline.default.won', 5, 100, NULL, 'won'
      UNION ALL SELECT '17', 'pipeline.default.lost', 6, 0, NULL, 'lost') AS s;
