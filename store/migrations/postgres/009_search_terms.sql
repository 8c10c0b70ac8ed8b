-- The search vocabulary (see store/search_terms.go): every folded word of the search
-- index (a term) with the number of indexed items that have it, how it is written (lower
-- case, Latin script), and its first letter and length in letters, by which "did you
-- mean" looks up candidates; and per indexed item (its rowid in the index) its distinct
-- terms, separated by spaces. Terms compare byte by byte (COLLATE "C"), as on SQLite, so a
-- range of terms is the terms that begin with a prefix. The migration's step in Go
-- (Store.fillTerms) fills both from the items the index holds.
CREATE TABLE search_terms (
  term     TEXT COLLATE "C" PRIMARY KEY,
  docs     INTEGER NOT NULL,
  spelling TEXT NOT NULL,
  head     TEXT NOT NULL,
  size     INTEGER NOT NULL
);
CREATE INDEX search_terms_head ON search_terms (head, size);
CREATE TABLE search_item_terms (
  item  BIGINT PRIMARY KEY,
  terms TEXT NOT NULL
);
