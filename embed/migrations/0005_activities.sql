-- Activities (the timeline of calls, notes, emails and meetings), tasks and
-- reminders, keep-in-touch cadences, yearly date reminders, each user's time
-- zone and private calendar feed. Links to records are polymorphic
-- (entity, entity_id) without a foreign key, so deals (0004) and any later
-- kind of record can be linked too; app checks that the record exists.

-- IANA zone name ('Europe/Berlin'); '' follows the server's zone.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';

-- Kinds of activity. The four built-ins have fixed ids and translated
-- names; admins add their own, and archive rather than delete one in use.
CREATE TABLE activity_types (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',   -- '' for built-ins: the catalog names them
    icon         TEXT NOT NULL DEFAULT '',   -- one emoji or symbol
    color        TEXT NOT NULL DEFAULT '#6b7280',
    has_duration INTEGER NOT NULL DEFAULT 0, -- the form asks how long (calls, meetings)
    builtin      INTEGER NOT NULL DEFAULT 0,
    position     INTEGER NOT NULL DEFAULT 0,
    archived_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
INSERT INTO activity_types (id, icon, color, has_duration, builtin, position, created_at, updated_at) VALUES
    ('note',    '📝', '#6b7280', 0, 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('call',    '📞', '#2563eb', 1, 1, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('email',   '✉️', '#7c3aed', 0, 1, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('meeting', '🤝', '#059669', 1, 1, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

CREATE TABLE activities (
    id               TEXT PRIMARY KEY,
    type_id          TEXT NOT NULL REFERENCES activity_types(id),
    occurred_at      TEXT NOT NULL,           -- when it happened (may be in the past), UTC
    duration_minutes INTEGER,                 -- NULL when not given
    outcome          TEXT NOT NULL DEFAULT '', -- one-line summary: "left a voicemail"
    body             TEXT NOT NULL DEFAULT '', -- the notes
    user_id          TEXT REFERENCES users(id) ON DELETE SET NULL, -- who did it
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    created_by       TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at       TEXT,
    deleted_by       TEXT REFERENCES users(id) ON DELETE SET NULL,
    user_key         TEXT GENERATED ALWAYS AS (coalesce(user_id, '')) VIRTUAL
);
CREATE INDEX activities_occurred ON activities(occurred_at, id) WHERE deleted_at IS NULL;
CREATE INDEX activities_user     ON activities(user_key, occurred_at, id) WHERE deleted_at IS NULL;
CREATE INDEX activities_type     ON activities(type_id, occurred_at, id) WHERE deleted_at IS NULL;

-- The number of live activities, kept like the record counts of 0003, so
-- the unfiltered list's total costs one lookup.
CREATE TRIGGER activities_count_insert AFTER INSERT ON activities WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO list_counts VALUES ('activities', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER activities_count_trash AFTER UPDATE OF deleted_at ON activities
    WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
    INSERT INTO list_counts VALUES ('activities', '', CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER activities_count_delete AFTER DELETE ON activities WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE list_counts SET n = n - 1 WHERE kind = 'activities' AND key = '';
END;

-- occurred_at is copied from the activity, so one record's timeline pages
-- newest first on one index without reading its other activities.
CREATE TABLE activity_links (
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    entity_id   TEXT NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, activity_id)
) WITHOUT ROWID;
CREATE INDEX activity_links_timeline ON activity_links(entity, entity_id, occurred_at, activity_id);
CREATE INDEX activity_links_activity ON activity_links(activity_id);

-- A record's audit events join its timeline, paged by time too.
CREATE INDEX audit_log_timeline ON audit_log(entity, entity_id, at, id);

-- Tasks: due at a moment (due_at) or on a day (due_date, all-day), in the
-- zone they were planned in. A recurring task is one row per occurrence;
-- completing one adds the next, and the unique index on (series_id,
-- occurrence) makes that happen once however often "done" is clicked.
CREATE TABLE tasks (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '',
    due_at        TEXT,                       -- UTC instant for a timed task
    due_date      TEXT,                       -- YYYY-MM-DD for an all-day task
    time_zone     TEXT NOT NULL DEFAULT '',   -- IANA zone of the due time and the recurrence
    assignee_id   TEXT REFERENCES users(id) ON DELETE SET NULL,
    priority      TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    done_at       TEXT,
    done_by       TEXT REFERENCES users(id) ON DELETE SET NULL,
    recurrence    TEXT NOT NULL DEFAULT '',   -- RFC 5545 RRULE without DTSTART: FREQ=WEEKLY;BYDAY=MO
    series_id     TEXT,                       -- first task of a recurring series
    series_start  TEXT,                       -- the series' first due, local wall time (2026-11-30T09:00 or 2026-11-30)
    occurrence    TEXT,                       -- this occurrence's due, local wall time, unique in its series
    snoozed_until TEXT,                       -- UTC; shows again then
    -- When the task next asks for attention, snooze included, as UTC text;
    -- '~' sorts after every time, so undated tasks page on the same index.
    due_key       TEXT NOT NULL DEFAULT '~',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    created_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at    TEXT,
    deleted_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    assignee_key  TEXT GENERATED ALWAYS AS (coalesce(assignee_id, '')) VIRTUAL,
    done          INTEGER GENERATED ALWAYS AS (done_at IS NOT NULL) VIRTUAL,
    CHECK (due_at IS NULL OR due_date IS NULL)
);
CREATE INDEX tasks_assignee ON tasks(assignee_key, done, due_key, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_due      ON tasks(done, due_key, id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX tasks_occurrence ON tasks(series_id, occurrence) WHERE series_id IS NOT NULL;

CREATE TABLE task_links (
    entity    TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    entity_id TEXT NOT NULL,
    task_id   TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    PRIMARY KEY (entity, entity_id, task_id)
) WITHOUT ROWID;
CREATE INDEX task_links_task ON task_links(task_id);

-- "Keep in touch every N days": due_at is the last activity (or when the
-- cadence was set) plus N days; logging an activity moves it on. The
-- person who set it is reminded.
CREATE TABLE keep_in_touch (
    contact_id    TEXT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    every_days    INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 3650),
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_touch_at TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX keep_in_touch_due ON keep_in_touch(user_id, due_at);

-- Yearly reminders from date fields: which field of which kind of record,
-- and how many days ahead it shows. Birthdays come built in; custom date
-- fields (renewal, anniversary) add rows with field = 'custom.<id>'.
CREATE TABLE date_reminders (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    field       TEXT NOT NULL,
    days_before INTEGER NOT NULL DEFAULT 7 CHECK (days_before BETWEEN 0 AND 60),
    enabled     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    UNIQUE (entity, field)
);
INSERT INTO date_reminders (id, entity, field, days_before, enabled, updated_at)
    VALUES ('birthday', 'contact', 'birthday', 7, 1, '2026-01-01T00:00:00.000Z');

-- Birthdays by month and day (the last five characters of YYYY-MM-DD and
-- --MM-DD alike), per owner: the Today view's "coming up" list.
CREATE INDEX contacts_birthday ON contacts(owner_key, substr(birthday, -5)) WHERE birthday <> '' AND deleted_at IS NULL;

-- Each user's private calendar feed. Only the token's SHA-256 is kept;
-- the token is derived again from a secret and the nonce to show the URL,
-- and a new nonce (regenerate) makes the old URL stop working.
CREATE TABLE calendar_feeds (
    user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    nonce      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
