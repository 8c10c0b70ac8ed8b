-- The pictures the editors uploaded (the files are in the media folder, named after
-- name). variants is a JSON array of {"width","height","file"}, narrowest first. Times are
-- UTC, 'YYYY-MM-DD HH:MM:SS+00:00', like the other tables'.

CREATE TABLE media (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) = 16),
  type       TEXT NOT NULL CHECK (type IN ('image/jpeg','image/png','image/gif')),
  width      INTEGER NOT NULL CHECK (width > 0),
  height     INTEGER NOT NULL CHECK (height > 0),
  bytes      INTEGER NOT NULL CHECK (bytes > 0),
  variants   TEXT NOT NULL DEFAULT '[]',
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
