-- Settings the API changes with a merge patch carry a version, as records
-- do: a PATCH names the version it read, and one made since answers 409
-- instead of being overwritten (issue 22). Each change bumps it.
ALTER TABLE custom_fields ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tags ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activity_types ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE segments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE webhooks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE web_forms ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
