-- Each activity keeps a copy of its links (issue 18), the JSON rows every
-- read of an activity returns ([["company","…"],["contact","…"]]), kept
-- by triggers whoever writes a link. A record's timeline used to read
-- each of its activities' links with a correlated query: a third of the
-- timeline's statement, about an eighth of the contact page.
ALTER TABLE activities ADD COLUMN links TEXT NOT NULL DEFAULT '[]';

UPDATE activities SET links =
    (SELECT json_group_array(json_array(k.entity, k.entity_id)) FROM activity_links k WHERE k.activity_id = activities.id);

CREATE TRIGGER activity_links_copy_insert AFTER INSERT ON activity_links BEGIN
    UPDATE activities SET links =
        (SELECT json_group_array(json_array(k.entity, k.entity_id)) FROM activity_links k WHERE k.activity_id = NEW.activity_id)
     WHERE id = NEW.activity_id;
END;

CREATE TRIGGER activity_links_copy_update AFTER UPDATE ON activity_links BEGIN
    UPDATE activities SET links =
        (SELECT json_group_array(json_array(k.entity, k.entity_id)) FROM activity_links k WHERE k.activity_id = activities.id)
     WHERE id IN (OLD.activity_id, NEW.activity_id);
END;

CREATE TRIGGER activity_links_copy_delete AFTER DELETE ON activity_links BEGIN
    UPDATE activities SET links =
        (SELECT json_group_array(json_array(k.entity, k.entity_id)) FROM activity_links k WHERE k.activity_id = OLD.activity_id)
     WHERE id = OLD.activity_id;
END;
