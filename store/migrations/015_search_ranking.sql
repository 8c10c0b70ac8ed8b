-- What search ranks its candidates by, beside the search index and for the same items (see
-- store/search_ranking.go): each indexed item's title and summary as folded words
-- (translit.Tokens, Serbian then English, separated by spaces), and its number of words in
-- all (title, summary and body). item is the search rowid (kind << 40 | id). Kept in step
-- with the index in the same transaction; the migration's step in Go (Store.fillRanking)
-- fills it for the items the index holds. Plain types only: this file runs unchanged on
-- SQLite and PostgreSQL.
CREATE TABLE search_ranking (
  item    BIGINT NOT NULL PRIMARY KEY,
  title   TEXT   NOT NULL,
  summary TEXT   NOT NULL,
  size    BIGINT NOT NULL
);
