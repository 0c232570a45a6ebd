-- Reminders that reach people without a Rolo tab (issue 23): how many
-- minutes before its due a task rings (-1: it does not), each user's
-- default for the tasks they add (10 minutes before), and the reminders a
-- user dismissed, kept on the server so the "due now" banner stays in
-- every tab until it is dismissed in one. Existing tasks keep ringing at
-- their due time, as they did.
ALTER TABLE tasks ADD COLUMN remind_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN remind_minutes INTEGER NOT NULL DEFAULT 10;

CREATE TABLE reminder_dismissals (
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    task_id      TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    due_at       TEXT NOT NULL, -- the occurrence dismissed: a snooze or a new due rings again
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (user_id, task_id, due_at)
) WITHOUT ROWID;
