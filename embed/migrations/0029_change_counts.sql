-- How many times what a server keeps in memory has changed, counted by
-- triggers whoever writes (this server, a command beside it, the sqlite3
-- shell): a server compares one number instead of reading the custom
-- fields and their options again for every page (issue 18).
CREATE TABLE change_counts (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO change_counts (name) VALUES ('custom_fields');

CREATE TRIGGER custom_fields_counted_insert AFTER INSERT ON custom_fields BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'custom_fields';
END;
CREATE TRIGGER custom_fields_counted_update AFTER UPDATE ON custom_fields BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'custom_fields';
END;
CREATE TRIGGER custom_fields_counted_delete AFTER DELETE ON custom_fields BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'custom_fields';
END;
CREATE TRIGGER custom_field_options_counted_insert AFTER INSERT ON custom_field_options BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'custom_fields';
END;
CREATE TRIGGER custom_field_options_counted_update AFTER UPDATE ON custom_field_options BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'custom_fields';
END;
CREATE TRIGGER custom_field_options_counted_delete AFTER DELETE ON custom_field_options BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'custom_fields';
END;
