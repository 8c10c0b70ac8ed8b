-- Open data (store/opendata.go): the OECD DAC 5-digit sector codes an editor gives a
-- project, for its IATI activity (a JSON list of strings, such as ["15190"]; empty: the
-- open-data files use the default sector), and what makes the open-data files' version
-- cheap to read: the latest public publication time of projects and partners from an
-- index, as news_public gives it for news. Plain types only: this file runs unchanged on
-- SQLite and PostgreSQL.
ALTER TABLE projects ADD COLUMN dac_codes TEXT NOT NULL DEFAULT '[]';
CREATE INDEX projects_public ON projects (published_at, id) WHERE state = 'PUBLISHED' AND deleted_at IS NULL;
CREATE INDEX partners_public ON partners (published_at, id) WHERE state = 'PUBLISHED' AND deleted_at IS NULL;
