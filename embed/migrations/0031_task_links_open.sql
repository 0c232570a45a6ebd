-- A record's open tasks, soonest first, read from its links alone (issue
-- 18): each link keeps a copy of whether its task is open (not done, not
-- in the trash) and of its due key, kept by triggers whoever writes, so
-- the record's page walks its open tasks in order instead of reading every
-- task it ever had and sorting them.
ALTER TABLE task_links ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE task_links ADD COLUMN due_key TEXT NOT NULL DEFAULT '~';

UPDATE task_links SET (open, due_key) =
    (SELECT t.done_at IS NULL AND t.deleted_at IS NULL, t.due_key FROM tasks t WHERE t.id = task_links.task_id);

CREATE INDEX task_links_open ON task_links(entity, entity_id, due_key, task_id) WHERE open = 1;

CREATE TRIGGER task_links_open_insert AFTER INSERT ON task_links BEGIN
    UPDATE task_links SET (open, due_key) =
        (SELECT t.done_at IS NULL AND t.deleted_at IS NULL, t.due_key FROM tasks t WHERE t.id = NEW.task_id)
     WHERE entity = NEW.entity AND entity_id = NEW.entity_id AND task_id = NEW.task_id;
END;

CREATE TRIGGER tasks_open_links AFTER UPDATE OF done_at, deleted_at, due_key ON tasks BEGIN
    UPDATE task_links SET open = (NEW.done_at IS NULL AND NEW.deleted_at IS NULL), due_key = NEW.due_key
     WHERE task_id = NEW.id AND (open IS NOT (NEW.done_at IS NULL AND NEW.deleted_at IS NULL) OR due_key IS NOT NEW.due_key);
END;
