-- The editors' part: every news item, project and partner has a publication state.
--
-- The public sees an item only when state = 'PUBLISHED', deleted_at IS NULL and
-- published_at <= now: a draft (state 'DRAFT'), an item scheduled for later (published_at
-- in the future) and a deleted one (deleted_at set, restorable) are hidden. For a news item
-- published_at is also the date the public is shown; a draft's published_at means nothing
-- until it is published. Items that existed before this migration stay published.
--
-- version grows by one with every change; an update names the version it edits.
-- indexed says whether the item is in the search index: only items the public may see
-- are, so search counts and ranks nothing else. A scheduled item is indexed when its time
-- comes (Store.indexDue).
-- cover is the JSON of an uploaded image (store.ImageFile); its alt text is per language.

ALTER TABLE news ADD COLUMN state TEXT NOT NULL DEFAULT 'PUBLISHED' CHECK (state IN ('DRAFT', 'PUBLISHED'));
ALTER TABLE news ADD COLUMN deleted_at TEXT;
ALTER TABLE news ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE news ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE news ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE news ADD COLUMN changed_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE news ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE news ADD COLUMN cover TEXT;
ALTER TABLE news ADD COLUMN sr_cover_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE news ADD COLUMN en_cover_alt TEXT NOT NULL DEFAULT '';

ALTER TABLE projects ADD COLUMN state TEXT NOT NULL DEFAULT 'PUBLISHED' CHECK (state IN ('DRAFT', 'PUBLISHED'));
ALTER TABLE projects ADD COLUMN published_at TEXT;
ALTER TABLE projects ADD COLUMN deleted_at TEXT;
ALTER TABLE projects ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE projects ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN changed_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE projects ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN cover TEXT;
ALTER TABLE projects ADD COLUMN sr_cover_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN en_cover_alt TEXT NOT NULL DEFAULT '';

ALTER TABLE partners ADD COLUMN state TEXT NOT NULL DEFAULT 'PUBLISHED' CHECK (state IN ('DRAFT', 'PUBLISHED'));
ALTER TABLE partners ADD COLUMN published_at TEXT;
ALTER TABLE partners ADD COLUMN deleted_at TEXT;
ALTER TABLE partners ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE partners ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN changed_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE partners ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;

UPDATE news SET created_at = published_at, changed_at = coalesce(updated_at, published_at), indexed = 1;
UPDATE projects SET published_at = strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'), indexed = 1;
UPDATE projects SET created_at = published_at, changed_at = published_at;
UPDATE partners SET published_at = strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'), indexed = 1;
UPDATE partners SET created_at = published_at, changed_at = published_at;

-- What the public lists read: only public rows, in their order, so counts stay index-only.
CREATE INDEX news_public ON news (published_at, id) WHERE state = 'PUBLISHED' AND deleted_at IS NULL;
-- What the editors' lists read: the most recently changed first.
CREATE INDEX news_changed ON news (changed_at, id);
CREATE INDEX projects_changed ON projects (changed_at, id);
CREATE INDEX partners_changed ON partners (changed_at, id);

-- Who changed what, when: for admins. user_id is null once an account is gone; kind is
-- NEWS, PROJECT or PARTNER for content, null for accounts (item_id is then the user's).
CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  action  TEXT NOT NULL,
  kind    TEXT,
  item_id INTEGER NOT NULL,
  label   TEXT NOT NULL,
  version INTEGER,
  fields  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_item ON audit (kind, item_id, id);
