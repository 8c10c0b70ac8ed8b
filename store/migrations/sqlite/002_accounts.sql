-- The editors' accounts and their sessions. Times are UTC, like the content's.
-- Emails are stored lower-cased; COLLATE NOCASE keeps them unique whatever the case.
-- A password_hash is PHC-encoded argon2id: $argon2id$v=19$m=19456,t=2,p=1$salt$hash.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('ADMIN','EDITOR')),
  created_at    TEXT NOT NULL,
  disabled_at   TEXT
);

-- A session's id is the SHA-256 (hex) of the token in the browser's cookie, so the
-- database never holds a token that would sign anyone in. expires_at is the absolute end;
-- last_seen_at, refreshed at most once a minute, gives the idle end.
CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  user_agent   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
