-- Webhooks (issue 12): the endpoints partners' systems receive events at, and the log of
-- every delivery attempt. The events waiting to go out are River jobs (river_job, made by
-- River's own migrations: store/webhook_queue.go). Plain types only: this file runs
-- unchanged on SQLite and PostgreSQL.
--
-- kinds, events: comma-separated lists (NEWS,PROJECT…; PUBLISHED,UPDATED…), '' for all.
-- secret:        whsec_<base64>, never shown again after the endpoint is created.

CREATE TABLE webhook_endpoints (
  id          TEXT PRIMARY KEY,
  url         TEXT NOT NULL,
  secret      TEXT NOT NULL,
  kinds       TEXT NOT NULL DEFAULT '',
  events      TEXT NOT NULL DEFAULT '',
  locale      TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
);

-- One row per attempt; rows older than 30 days are deleted as new ones are written.
CREATE TABLE webhook_deliveries (
  id            TEXT PRIMARY KEY,
  endpoint_id   TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  message_id    TEXT NOT NULL,
  event_type    TEXT NOT NULL,
  attempt       INTEGER NOT NULL,
  at            TEXT NOT NULL,
  status        TEXT NOT NULL,
  response_code INTEGER,
  duration_ms   BIGINT NOT NULL,
  error         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, at);
CREATE INDEX webhook_deliveries_at ON webhook_deliveries (at);
