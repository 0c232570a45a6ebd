-- A contact's card now begins with the contact's own columns (issue 18):
-- a page of contacts reads one kept value per contact instead of writing
-- twenty-six columns as JSON for each on every read. A change to any of
-- those columns sets the card to NULL, whoever writes, as a change to a
-- child row already does (0026); the server stores it again. The card is
-- not in the trigger's list, so storing a card does not clear it.
CREATE TRIGGER contacts_card_own_update AFTER UPDATE OF id, first_name, last_name, display_name, sort_name, title,
    company_id, address_street, address_city, address_region, address_postal_code, address_country, birthday,
    website, social, lead_source, lifecycle_status, owner_id, notes, version, created_at, created_by,
    updated_at, updated_by, deleted_at, deleted_by ON contacts
    WHEN NEW.card IS NOT NULL
BEGIN
    UPDATE contacts SET card = NULL WHERE rowid = NEW.rowid;
END;

-- Every kept card is of the old shape: the server makes them again.
UPDATE contacts SET card = NULL WHERE card IS NOT NULL;
