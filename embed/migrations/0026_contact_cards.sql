-- A contact's card: its emails, phones, tags and custom values kept as one
-- JSON value on its own row (store/contact_card.go writes and reads it).
-- A page of 50 contacts then reads 50 rows instead of seeking four child
-- indexes for each contact, which was half the CPU of a list (issue 18).
--
-- NULL means "not built": readers build it on the fly from the child
-- tables (coalesce), and the server fills missing cards in the
-- background. The triggers below only ever set a card back to NULL, so a
-- card is never newer or older than its rows, whatever writes them (the
-- app, an import, a merge, a cascade, the sqlite3 shell).
ALTER TABLE contacts ADD COLUMN card TEXT;

CREATE INDEX contacts_card_missing ON contacts(id) WHERE card IS NULL;

CREATE TRIGGER contact_emails_card_insert AFTER INSERT ON contact_emails BEGIN
    UPDATE contacts SET card = NULL WHERE id = NEW.contact_id AND card IS NOT NULL;
END;
CREATE TRIGGER contact_emails_card_update AFTER UPDATE ON contact_emails BEGIN
    UPDATE contacts SET card = NULL WHERE id IN (OLD.contact_id, NEW.contact_id) AND card IS NOT NULL;
END;
CREATE TRIGGER contact_emails_card_delete AFTER DELETE ON contact_emails BEGIN
    UPDATE contacts SET card = NULL WHERE id = OLD.contact_id AND card IS NOT NULL;
END;

CREATE TRIGGER contact_phones_card_insert AFTER INSERT ON contact_phones BEGIN
    UPDATE contacts SET card = NULL WHERE id = NEW.contact_id AND card IS NOT NULL;
END;
CREATE TRIGGER contact_phones_card_update AFTER UPDATE ON contact_phones BEGIN
    UPDATE contacts SET card = NULL WHERE id IN (OLD.contact_id, NEW.contact_id) AND card IS NOT NULL;
END;
CREATE TRIGGER contact_phones_card_delete AFTER DELETE ON contact_phones BEGIN
    UPDATE contacts SET card = NULL WHERE id = OLD.contact_id AND card IS NOT NULL;
END;

CREATE TRIGGER contact_tags_card_insert AFTER INSERT ON contact_tags BEGIN
    UPDATE contacts SET card = NULL WHERE id = NEW.contact_id AND card IS NOT NULL;
END;
CREATE TRIGGER contact_tags_card_update AFTER UPDATE ON contact_tags BEGIN
    UPDATE contacts SET card = NULL WHERE id IN (OLD.contact_id, NEW.contact_id) AND card IS NOT NULL;
END;
CREATE TRIGGER contact_tags_card_delete AFTER DELETE ON contact_tags BEGIN
    UPDATE contacts SET card = NULL WHERE id = OLD.contact_id AND card IS NOT NULL;
END;

-- A tag's name or colour is on the card of every contact that has it.
CREATE TRIGGER tags_card_update AFTER UPDATE OF name, name_key, color ON tags BEGIN
    UPDATE contacts SET card = NULL
     WHERE id IN (SELECT contact_id FROM contact_tags WHERE tag_id = NEW.id) AND card IS NOT NULL;
END;

-- Custom values belong to contacts, companies and deals alike; for the
-- others the update finds no contact.
CREATE TRIGGER custom_values_card_insert AFTER INSERT ON custom_values BEGIN
    UPDATE contacts SET card = NULL WHERE id = NEW.record_id AND card IS NOT NULL;
END;
CREATE TRIGGER custom_values_card_update AFTER UPDATE ON custom_values BEGIN
    UPDATE contacts SET card = NULL WHERE id IN (OLD.record_id, NEW.record_id) AND card IS NOT NULL;
END;
CREATE TRIGGER custom_values_card_delete AFTER DELETE ON custom_values BEGIN
    UPDATE contacts SET card = NULL WHERE id = OLD.record_id AND card IS NOT NULL;
END;
