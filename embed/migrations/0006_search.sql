-- Full-text search over every kind of record. search_docs maps each
-- indexed record to an FTS5 rowid and holds what a result line shows;
-- search_index is contentless (the text lives in the records' own tables)
-- and tokenised by unicode61, which folds case and accents. app/ fills
-- the columns in the same transaction as each write; see
-- app/search_text.go for why CJK text gets unigram and bigram columns.

CREATE TABLE search_docs (
    rowid    INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,              -- contact, company, deal, activity
    ref      TEXT NOT NULL,              -- the record's id
    title    TEXT NOT NULL,
    subtitle TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, ref)
);

CREATE VIRTUAL TABLE search_index USING fts5(
    name,    -- the record's names: ranked highest
    words,   -- emails, company, tags, title, notes
    cjk1,    -- every Korean, Japanese and Chinese character
    cjk2,    -- every pair of neighbouring CJK characters, in order
    digits,  -- phone numbers as digit strings, E.164 and national
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
