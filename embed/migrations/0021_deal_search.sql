-- Deals join the search index: they are found by title, company and
-- contact names, on the search page and in the palette. Their entries
-- carry text only Go makes (CJK unigrams and bigrams, see
-- app/search_text.go), so this migration marks the kind as pending and
-- the first app.Open after it indexes the existing deals, once, then
-- removes the mark (app/search_deal.go indexPendingKinds).
INSERT INTO settings (key, value) VALUES ('search.pending_kinds', 'deal')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
