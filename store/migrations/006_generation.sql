-- The content generation: one number, bumped in the same transaction as every change to
-- content (an editor's save or state change, an import, a scheduled item coming due), so
-- that any process on the database — another instance, a cache — can tell that content
-- changed by reading one row. Plain types only: this file runs unchanged on SQLite and
-- PostgreSQL.
CREATE TABLE content_generation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO content_generation (id, generation) VALUES (1, 1);
