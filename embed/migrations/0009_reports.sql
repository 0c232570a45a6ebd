-- Reports, goals and the dashboard. Reports read the tables of earlier
-- migrations; the indexes below let each report read only its period (and
-- only the columns it needs), so none of them scans a whole table.

-- Deals closed in a period (win rate, deal size, time to close, won value
-- by source), covering the columns those reports group by.
CREATE INDEX deals_closed ON deals(closed_at, status, pipeline_id, owner_id, source, currency, value, created_at)
    WHERE deleted_at IS NULL AND closed_at IS NOT NULL;
-- The funnel's cohort (deals created in a period) with the columns it
-- reads, so no deal row is fetched.
CREATE INDEX deals_cohort ON deals(pipeline_id, created_at, status, owner_id, source, id) WHERE deleted_at IS NULL;
-- A live deal's filter columns by id: time in stage looks up the deal of
-- each stay here rather than in the (wide) table.
CREATE INDEX deals_lookup ON deals(id, pipeline_id, owner_id, source) WHERE deleted_at IS NULL;
-- Open deals by expected close month (the dashboard's forecast).
CREATE INDEX deals_forecast ON deals(status, expected_close_date, pipeline_id, owner_id, stage_id, currency, value)
    WHERE deleted_at IS NULL;
-- The stages each deal entered, without reading the history rows.
CREATE INDEX deal_stage_history_reach ON deal_stage_history(deal_id, to_stage_id, at);
-- Activities of a period by user and type (activity report, dashboard).
CREATE INDEX activities_period ON activities(occurred_at, user_key, type_id) WHERE deleted_at IS NULL;
-- New contacts of a period by source and status (lead sources, growth).
CREATE INDEX contacts_period ON contacts(created_at, owner_key, lead_source, lifecycle_status) WHERE deleted_at IS NULL;
-- Logins and records created or updated per user in a period (adoption),
-- and lifecycle changes (growth: customers won and churned).
CREATE INDEX audit_log_period ON audit_log(at, actor_id, action);
-- Tasks completed in a period, by who completed them (adoption).
CREATE INDEX tasks_done_period ON tasks(done_at, done_by, due_key) WHERE deleted_at IS NULL AND done_at IS NOT NULL;

-- A goal: reach target on metric by deadline, for the team (user_id NULL)
-- or one user. starts_at is when it was set; baseline is the metric over
-- the equal period before starts_at, recorded then so later edits of old
-- records do not move it. currency is set for money metrics only.
CREATE TABLE goals (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    metric      TEXT NOT NULL CHECK (metric IN ('new_contacts', 'deals_won', 'revenue_won', 'win_rate', 'activities', 'first_response')),
    user_id     TEXT REFERENCES users(id) ON DELETE CASCADE,
    currency    TEXT NOT NULL DEFAULT '',
    target      INTEGER NOT NULL CHECK (target >= 0), -- count, minor units, per mille (win rate) or minutes (response)
    baseline    INTEGER NOT NULL DEFAULT 0,
    starts_at   TEXT NOT NULL,
    deadline    TEXT NOT NULL,                         -- the instant the goal ends (exclusive), UTC
    created_at  TEXT NOT NULL,
    created_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    deleted_at  TEXT,
    CHECK (deadline > starts_at)
);
CREATE INDEX goals_live ON goals(deadline, id) WHERE deleted_at IS NULL;

-- Activities per UTC day, user and type, kept on every write: a year of
-- the activity report read 500,000 index entries (590 ms on the 1M
-- benchmark); the days read at most a few thousand rows. Reports add the
-- partial days at a period's edges (periods start at midnight in the
-- reader's zone) from activities_period, so the counts stay exact.
CREATE TABLE activity_days (
    day      TEXT NOT NULL,            -- YYYY-MM-DD of occurred_at (UTC)
    user_key TEXT NOT NULL,
    type_id  TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (day, user_key, type_id)
) WITHOUT ROWID;
INSERT INTO activity_days (day, user_key, type_id, n)
    SELECT substr(occurred_at, 1, 10), coalesce(user_id, ''), type_id, count(*) FROM activities
    WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
CREATE TRIGGER activity_days_insert AFTER INSERT ON activities WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO activity_days VALUES (substr(NEW.occurred_at, 1, 10), coalesce(NEW.user_id, ''), NEW.type_id, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER activity_days_update_old AFTER UPDATE OF occurred_at, user_id, type_id, deleted_at ON activities
    WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE activity_days SET n = n - 1
        WHERE day = substr(OLD.occurred_at, 1, 10) AND user_key = coalesce(OLD.user_id, '') AND type_id = OLD.type_id;
END;
CREATE TRIGGER activity_days_update_new AFTER UPDATE OF occurred_at, user_id, type_id, deleted_at ON activities
    WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO activity_days VALUES (substr(NEW.occurred_at, 1, 10), coalesce(NEW.user_id, ''), NEW.type_id, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER activity_days_delete AFTER DELETE ON activities WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE activity_days SET n = n - 1
        WHERE day = substr(OLD.occurred_at, 1, 10) AND user_key = coalesce(OLD.user_id, '') AND type_id = OLD.type_id;
END;

-- Each finished stay of a deal in a stage, kept as the stage history is
-- written: time in stage over a year walked every history row of most
-- deals with a window function (1.3 s on the 100k-deal benchmark); this
-- reads the stays that ended in the period from one index, and needs the
-- deals themselves only to filter by owner, source, tag or segment.
CREATE TABLE deal_stays (
    history_id TEXT PRIMARY KEY REFERENCES deal_stage_history(id) ON DELETE CASCADE, -- the move that ended the stay
    deal_id    TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    stage_id   TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    left_at    TEXT NOT NULL,
    days       REAL NOT NULL,
    live       INTEGER NOT NULL DEFAULT 1  -- 0 while the deal is in the trash
) WITHOUT ROWID;
CREATE INDEX deal_stays_left ON deal_stays(left_at, live, stage_id, days, deal_id);
CREATE INDEX deal_stays_deal ON deal_stays(deal_id);
INSERT INTO deal_stays (history_id, deal_id, stage_id, entered_at, left_at, days, live)
    SELECT x.id, x.deal_id, x.stage, x.entered, x.at, julianday(x.at) - julianday(x.entered), d.deleted_at IS NULL FROM (
        SELECT h.id, h.deal_id, h.at, lag(h.to_stage_id) OVER w AS stage, lag(h.at) OVER w AS entered
        FROM deal_stage_history h WINDOW w AS (PARTITION BY h.deal_id ORDER BY h.at, h.id)) x
    JOIN deals d ON d.id = x.deal_id
    WHERE x.stage IS NOT NULL;
CREATE TRIGGER deal_stays_trash AFTER UPDATE OF deleted_at ON deals
    WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
    UPDATE deal_stays SET live = (NEW.deleted_at IS NULL) WHERE deal_id = NEW.id;
END;
CREATE TRIGGER deal_stays_insert AFTER INSERT ON deal_stage_history
BEGIN
    INSERT INTO deal_stays (history_id, deal_id, stage_id, entered_at, left_at, days)
        SELECT NEW.id, NEW.deal_id, stage, at, NEW.at, julianday(NEW.at) - julianday(at) FROM (
            SELECT p.to_stage_id AS stage, p.at FROM deal_stage_history p
            WHERE p.deal_id = NEW.deal_id AND p.id <> NEW.id AND (p.at < NEW.at OR (p.at = NEW.at AND p.id < NEW.id))
            ORDER BY p.at DESC, p.id DESC LIMIT 1)
        WHERE stage IS NOT NULL;
END;
