-- Live record counts per list filter, kept by triggers in the same
-- transaction as every write, so a list shows its total without counting
-- 100,000 rows on each page view. Kinds:
--   contacts, contacts.status, contacts.owner, contacts.company, contacts.tag,
--   companies, companies.owner, companies.tag
-- keyed by the filter value ('' for the whole list or "none").

CREATE TABLE list_counts (
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- Contacts entering the live list (created, or restored from the trash).
CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO list_counts VALUES ('contacts', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('contacts.status', NEW.lifecycle_status, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('contacts.owner', NEW.owner_key, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('contacts.company', NEW.company_key, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER contacts_count_update_old AFTER UPDATE OF deleted_at, lifecycle_status, owner_id, company_id ON contacts
    WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts' AND key = '';
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.status' AND key = OLD.lifecycle_status;
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.owner' AND key = OLD.owner_key;
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.company' AND key = OLD.company_key;
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.tag' AND NEW.deleted_at IS NOT NULL
        AND key IN (SELECT tag_id FROM contact_tags WHERE contact_id = OLD.id);
END;

CREATE TRIGGER contacts_count_update_new AFTER UPDATE OF deleted_at, lifecycle_status, owner_id, company_id ON contacts
    WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO list_counts VALUES ('contacts', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('contacts.status', NEW.lifecycle_status, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('contacts.owner', NEW.owner_key, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('contacts.company', NEW.company_key, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    UPDATE list_counts SET n = n + 1 WHERE kind = 'contacts.tag' AND OLD.deleted_at IS NOT NULL
        AND key IN (SELECT tag_id FROM contact_tags WHERE contact_id = NEW.id);
END;

-- Only trashed contacts are ever deleted, but stay correct if one is not.
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts' AND key = '';
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.status' AND key = OLD.lifecycle_status;
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.owner' AND key = OLD.owner_key;
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.company' AND key = OLD.company_key;
END;

CREATE TRIGGER contact_tags_count_insert AFTER INSERT ON contact_tags
    WHEN (SELECT deleted_at IS NULL FROM contacts WHERE id = NEW.contact_id)
BEGIN
    INSERT INTO list_counts VALUES ('contacts.tag', NEW.tag_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER contact_tags_count_delete AFTER DELETE ON contact_tags
    WHEN (SELECT deleted_at IS NULL FROM contacts WHERE id = OLD.contact_id)
BEGIN
    UPDATE list_counts SET n = n - 1 WHERE kind = 'contacts.tag' AND key = OLD.tag_id;
END;

CREATE TRIGGER companies_count_insert AFTER INSERT ON companies WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO list_counts VALUES ('companies', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('companies.owner', NEW.owner_key, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER companies_count_update_old AFTER UPDATE OF deleted_at, owner_id ON companies WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE list_counts SET n = n - 1 WHERE kind = 'companies' AND key = '';
    UPDATE list_counts SET n = n - 1 WHERE kind = 'companies.owner' AND key = OLD.owner_key;
    UPDATE list_counts SET n = n - 1 WHERE kind = 'companies.tag' AND NEW.deleted_at IS NOT NULL
        AND key IN (SELECT tag_id FROM company_tags WHERE company_id = OLD.id);
END;

CREATE TRIGGER companies_count_update_new AFTER UPDATE OF deleted_at, owner_id ON companies WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO list_counts VALUES ('companies', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('companies.owner', NEW.owner_key, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    UPDATE list_counts SET n = n + 1 WHERE kind = 'companies.tag' AND OLD.deleted_at IS NOT NULL
        AND key IN (SELECT tag_id FROM company_tags WHERE company_id = NEW.id);
END;

CREATE TRIGGER companies_count_delete AFTER DELETE ON companies WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE list_counts SET n = n - 1 WHERE kind = 'companies' AND key = '';
    UPDATE list_counts SET n = n - 1 WHERE kind = 'companies.owner' AND key = OLD.owner_key;
END;

CREATE TRIGGER company_tags_count_insert AFTER INSERT ON company_tags
    WHEN (SELECT deleted_at IS NULL FROM companies WHERE id = NEW.company_id)
BEGIN
    INSERT INTO list_counts VALUES ('companies.tag', NEW.tag_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER company_tags_count_delete AFTER DELETE ON company_tags
    WHEN (SELECT deleted_at IS NULL FROM companies WHERE id = OLD.company_id)
BEGIN
    UPDATE list_counts SET n = n - 1 WHERE kind = 'companies.tag' AND key = OLD.tag_id;
END;
