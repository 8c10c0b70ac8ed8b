-- The search index holds each word's stem beside it (see store/search_postgres.go): the
-- tsvectors are written anew by the migration's step in Go (Store.rebuildSearch), which
-- indexes again every item the index held.
DELETE FROM search;
