-- Time-based events (task.overdue, contact.inactive, date.arriving) go to
-- webhooks once per record and occasion (key: the due, the last activity,
-- the field and date), however often the scheduler looks and across
-- restarts. Rules keep their own once-only marks in automation_fired.
CREATE TABLE timed_events (
    event     TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (event, entity_id, key)
) WITHOUT ROWID;
