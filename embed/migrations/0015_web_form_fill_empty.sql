-- A web form submission whose email is a known contact's never changes
-- that contact: what was sent is logged on it for a person to review
-- (issue 24). fill_empty lets a form also fill the fields the contact has
-- left empty, never one that holds a value.
ALTER TABLE web_forms ADD COLUMN fill_empty INTEGER NOT NULL DEFAULT 0;
