-- Automation rules and their runs, the durable queue for delayed and
-- time-based work, personal API keys, outgoing webhooks (outbox and
-- delivery log) and in-app notifications.

-- Personal API keys. Only the SHA-256 of the token is kept; prefix is the
-- token's first characters, so a list can tell keys apart.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX api_keys_user ON api_keys (user_id, created_at);

-- A rule is trigger → conditions → actions; definition is its JSON
-- (app.RuleDefinition), event the trigger's event type, kept as a column
-- so the engine loads only the rules an event can start.
CREATE TABLE automation_rules (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    event       TEXT NOT NULL,
    definition  TEXT NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT REFERENCES users(id) ON DELETE SET NULL
);

-- Every run of a rule with its outcome: ok, failed (error says why; the
-- rule's changes were rolled back to a savepoint), skipped (depth limit)
-- or queued (a delayed run waiting in automation_queue).
CREATE TABLE automation_runs (
    id         TEXT PRIMARY KEY,
    rule_id    TEXT NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
    event      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped', 'queued')),
    error      TEXT NOT NULL DEFAULT '',
    depth      INTEGER NOT NULL DEFAULT 0,
    at         TEXT NOT NULL
);
CREATE INDEX automation_runs_rule ON automation_runs (rule_id, at);
CREATE INDEX automation_runs_failed ON automation_runs (status, at) WHERE status = 'failed';

-- Delayed rule runs, done by the scheduler once due_at has passed (also
-- after the machine slept through it).
CREATE TABLE automation_queue (
    id          TEXT PRIMARY KEY,
    rule_id     TEXT NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
    event       TEXT NOT NULL, -- the JSON of the app.Event that started it
    due_at      TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    done_at     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX automation_queue_due ON automation_queue (due_at) WHERE done_at IS NULL;

-- Round-robin position per rule action: the index of the user who got the
-- last record, so the next one goes to the one after.
CREATE TABLE automation_cursors (
    rule_id  TEXT NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
    action   INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (rule_id, action)
) WITHOUT ROWID;

-- Time-based triggers (task overdue, no activity for N days) fire once per
-- rule, record and occasion (key), however often the scheduler looks.
CREATE TABLE automation_fired (
    rule_id   TEXT NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (rule_id, entity_id, key)
) WITHOUT ROWID;

-- Outgoing webhook endpoints. events is a JSON array of event types ('*'
-- for all). The secret is shown once when created; it must be kept to sign.
CREATE TABLE webhooks (
    id              TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    events          TEXT NOT NULL DEFAULT '["*"]',
    secret          TEXT NOT NULL,
    enabled         INTEGER NOT NULL DEFAULT 1,
    failures        INTEGER NOT NULL DEFAULT 0, -- messages in a row that gave up
    disabled_reason TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    created_by      TEXT REFERENCES users(id) ON DELETE SET NULL
);

-- The outbox: one message per endpoint and event, written in the same
-- transaction as the change, delivered and retried by the scheduler.
CREATE TABLE webhook_messages (
    id              TEXT PRIMARY KEY, -- the webhook-id header
    webhook_id      TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event           TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX webhook_messages_due ON webhook_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_messages_hook ON webhook_messages (webhook_id, created_at);

-- The delivery log: every attempt with its answer.
CREATE TABLE webhook_deliveries (
    id          TEXT PRIMARY KEY,
    message_id  TEXT NOT NULL REFERENCES webhook_messages(id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    status_code INTEGER NOT NULL DEFAULT 0, -- 0: no answer (error says why)
    error       TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    at          TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id, at);

-- In-app notifications (the bell): assignments, @mentions, rule notices.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL, -- assigned, mention, rule, webhook_disabled
    text       TEXT NOT NULL,
    link       TEXT NOT NULL DEFAULT '',
    read_at    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Lead scoring: rules that add or subtract points, and each contact's
-- score with the "why" (the rules that counted), kept in step on every
-- change and recomputed for everyone when the rules change.
CREATE TABLE score_rules (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    conditions TEXT NOT NULL, -- the filter syntax, as rule conditions
    points     INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE contact_scores (
    contact_id TEXT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    score      INTEGER NOT NULL,
    reasons    TEXT NOT NULL DEFAULT '[]' -- JSON [{rule_id, name, points}]
) WITHOUT ROWID;
CREATE INDEX contact_scores_score ON contact_scores (score, contact_id);

-- Web forms: a public lead-capture form per row. fields is a JSON array of
-- the contact fields it asks for; owner_ids the users new contacts go to
-- (round robin, position kept in rr_position); origins the sites allowed
-- to post it from a browser (CORS), one a line.
CREATE TABLE web_forms (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    fields        TEXT NOT NULL DEFAULT '["first_name","last_name","email"]',
    thank_you     TEXT NOT NULL DEFAULT '',
    redirect_url  TEXT NOT NULL DEFAULT '',
    stage_id      TEXT REFERENCES stages(id) ON DELETE SET NULL,
    tags          TEXT NOT NULL DEFAULT '', -- comma separated
    lead_source   TEXT NOT NULL DEFAULT '',
    owner_ids     TEXT NOT NULL DEFAULT '[]',
    rr_position   INTEGER NOT NULL DEFAULT -1,
    origins       TEXT NOT NULL DEFAULT '',
    enabled       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT REFERENCES users(id) ON DELETE SET NULL
);

-- One row per accepted submission (spam caught by the honeypot is not kept).
CREATE TABLE form_submissions (
    id         TEXT PRIMARY KEY,
    form_id    TEXT NOT NULL REFERENCES web_forms(id) ON DELETE CASCADE,
    contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
    created    INTEGER NOT NULL, -- 1: a new contact, 0: an existing one updated
    client     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
);
CREATE INDEX form_submissions_form ON form_submissions (form_id, at);

-- Kinds of notification a user turned off (per-user preferences).
CREATE TABLE notification_mutes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;
