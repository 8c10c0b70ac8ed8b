-- The public lists' counters (store/counts.go): per list (news, projects, partners) and
-- key ("" the whole list, "topic:12", "status:ONGOING", …), how many items are published
-- and not deleted. Every write to content adjusts them in its transaction; the Go step of
-- this migration fills them from the rows. Plain types only: this file runs unchanged on
-- SQLite and PostgreSQL.
CREATE TABLE list_counts (
  list TEXT   NOT NULL,
  key  TEXT   NOT NULL,
  n    BIGINT NOT NULL,
  PRIMARY KEY (list, key)
);

-- A list's count is its counter less its scheduled items (published, publication time
-- still to come): these find them without reading the table. News has news_public.
CREATE INDEX projects_listed ON projects (published_at) WHERE state = 'PUBLISHED' AND deleted_at IS NULL;
CREATE INDEX partners_listed ON partners (published_at) WHERE state = 'PUBLISHED' AND deleted_at IS NULL;
