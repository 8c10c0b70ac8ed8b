-- What left the public view, for partners who keep a copy of the public content (the
-- `removedSince` query): one row per item, the last time it was public and then was not
-- (unpublished, deleted, or its publication moved into the future again), written in the
-- same transaction as the change. kind is NEWS, PROJECT or PARTNER; item_id the row's id in
-- that kind's table. Plain types only: this file runs unchanged on SQLite and PostgreSQL.
CREATE TABLE removals (
  kind    TEXT NOT NULL,
  item_id BIGINT NOT NULL,
  at      TEXT NOT NULL,
  PRIMARY KEY (kind, item_id)
);
CREATE INDEX removals_at ON removals (at, kind, item_id);
