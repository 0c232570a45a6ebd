-- Web forms may ask for consent (issue 22): the admin writes the text the
-- visitor agrees to, and says whether the box must be ticked. A ticked
-- box is kept on the contact as consent given through that form, with
-- the exact text shown and the moment it was sent.
ALTER TABLE web_forms ADD COLUMN consent_text TEXT NOT NULL DEFAULT '';
ALTER TABLE web_forms ADD COLUMN consent_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contact_consent ADD COLUMN form_id TEXT REFERENCES web_forms(id) ON DELETE SET NULL;
