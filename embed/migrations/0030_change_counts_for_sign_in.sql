-- More of what a server keeps in memory, counted like the custom fields
-- (0029): a request reads every count once (one row each) and then uses
-- its kept sessions, API keys, users, tags and activity types instead of
-- reading each again (issue 18).
--
-- A session or key is counted when it stops being what a server kept:
-- deleted (sign-out, expiry, a new password) or its owner, token, expiry,
-- revocation or scope changed. Its last-seen time is not counted: the
-- server that writes it keeps its own copy up to date, and a count
-- raised once a minute per user would empty every cache that often.
INSERT INTO change_counts (name) VALUES ('sessions'), ('api_keys'), ('users'), ('tags'), ('activity_types');

CREATE TRIGGER sessions_counted_delete AFTER DELETE ON sessions BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'sessions';
END;
CREATE TRIGGER sessions_counted_update AFTER UPDATE OF id, user_id, token_hash, expires_at ON sessions BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'sessions';
END;

CREATE TRIGGER api_keys_counted_delete AFTER DELETE ON api_keys BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'api_keys';
END;
CREATE TRIGGER api_keys_counted_update AFTER UPDATE OF id, user_id, token_hash, scope, expires_at, revoked_at ON api_keys BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'api_keys';
END;

CREATE TRIGGER users_counted_insert AFTER INSERT ON users BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'users';
END;
CREATE TRIGGER users_counted_update AFTER UPDATE ON users BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'users';
END;
CREATE TRIGGER users_counted_delete AFTER DELETE ON users BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'users';
END;

CREATE TRIGGER tags_counted_insert AFTER INSERT ON tags BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'tags';
END;
CREATE TRIGGER tags_counted_update AFTER UPDATE ON tags BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'tags';
END;
CREATE TRIGGER tags_counted_delete AFTER DELETE ON tags BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'tags';
END;

CREATE TRIGGER activity_types_counted_insert AFTER INSERT ON activity_types BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'activity_types';
END;
CREATE TRIGGER activity_types_counted_update AFTER UPDATE ON activity_types BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'activity_types';
END;
CREATE TRIGGER activity_types_counted_delete AFTER DELETE ON activity_types BEGIN
    UPDATE change_counts SET n = n + 1 WHERE name = 'activity_types';
END;
