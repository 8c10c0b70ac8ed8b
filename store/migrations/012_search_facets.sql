-- What search filters and counts hits by, beside the search index and for the same items
-- (see store/search_facets.go): each indexed item's topics and its year (a news item's
-- publication in Belgrade time, a project's start; partners have none). item is the
-- search rowid (kind << 40 | id). Kept in step with the index in the same transaction;
-- the migration's step in Go (Store.indexAllFacets) fills them for the items the index
-- holds. Plain types only: this file runs unchanged on SQLite and PostgreSQL.
CREATE TABLE search_topics (
  topic_id BIGINT NOT NULL,
  item     BIGINT NOT NULL,
  PRIMARY KEY (topic_id, item)
);
CREATE INDEX search_topics_item ON search_topics (item, topic_id);

CREATE TABLE search_years (
  item BIGINT NOT NULL PRIMARY KEY,
  year INTEGER NOT NULL
);
CREATE INDEX search_years_year ON search_years (year, item);
