-- The content of the portal: topics, partners, projects, news, and the search index.
-- Serbian text (sr_*) is stored once, in the script it was written in; the other script is
-- derived when it is read. English text is en_*. Lists are JSON arrays of strings.
-- Times are UTC, 'YYYY-MM-DD HH:MM:SS+00:00'; dates are 'YYYY-MM-DD'.

CREATE TABLE topics (
  id      INTEGER PRIMARY KEY,
  slug    TEXT NOT NULL UNIQUE,
  sr_name TEXT NOT NULL DEFAULT '',
  en_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE partners (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  acronym        TEXT,
  kind           TEXT NOT NULL CHECK (kind IN ('UN_AGENCY','EU_INSTITUTION','GOVERNMENT','INTERNATIONAL_ORGANISATION','NGO','DONOR','OTHER')),
  website        TEXT,
  sr_name        TEXT NOT NULL DEFAULT '',
  sr_description TEXT NOT NULL DEFAULT '',
  en_name        TEXT NOT NULL DEFAULT '',
  en_description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX partners_kind ON partners (kind, slug);

CREATE TABLE projects (
  id                     INTEGER PRIMARY KEY,
  slug                   TEXT NOT NULL UNIQUE,
  status                 TEXT NOT NULL CHECK (status IN ('PLANNED','ONGOING','COMPLETED')),
  start_date             TEXT,
  end_date               TEXT,
  date_precision         TEXT NOT NULL DEFAULT 'DAY' CHECK (date_precision IN ('DAY','MONTH','YEAR')),
  budget_amount          TEXT,
  budget_currency        TEXT,
  url                    TEXT,
  sr_title               TEXT NOT NULL DEFAULT '',
  sr_official_title      TEXT NOT NULL DEFAULT '',
  sr_summary             TEXT NOT NULL DEFAULT '',
  sr_description         TEXT NOT NULL DEFAULT '',
  sr_locations           TEXT NOT NULL DEFAULT '[]',
  sr_expected_results    TEXT NOT NULL DEFAULT '[]',
  sr_objectives          TEXT NOT NULL DEFAULT '[]',
  sr_specific_objectives TEXT NOT NULL DEFAULT '[]',
  sr_target_groups       TEXT NOT NULL DEFAULT '[]',
  en_title               TEXT NOT NULL DEFAULT '',
  en_official_title      TEXT NOT NULL DEFAULT '',
  en_summary             TEXT NOT NULL DEFAULT '',
  en_description         TEXT NOT NULL DEFAULT '',
  en_locations           TEXT NOT NULL DEFAULT '[]',
  en_expected_results    TEXT NOT NULL DEFAULT '[]',
  en_objectives          TEXT NOT NULL DEFAULT '[]',
  en_specific_objectives TEXT NOT NULL DEFAULT '[]',
  en_target_groups       TEXT NOT NULL DEFAULT '[]',
  CHECK ((budget_amount IS NULL) = (budget_currency IS NULL)),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX projects_start ON projects (start_date, id);
CREATE INDEX projects_status ON projects (status, start_date, id);

CREATE TABLE news (
  id           INTEGER PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,
  published_at TEXT NOT NULL,
  updated_at   TEXT,
  sr_title     TEXT NOT NULL DEFAULT '',
  sr_summary   TEXT NOT NULL DEFAULT '',
  sr_body      TEXT NOT NULL DEFAULT '',
  en_title     TEXT NOT NULL DEFAULT '',
  en_summary   TEXT NOT NULL DEFAULT '',
  en_body      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX news_published ON news (published_at, id);

CREATE TABLE news_topics (
  news_id  INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
  topic_id INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
  PRIMARY KEY (news_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX news_topics_topic ON news_topics (topic_id, news_id);

CREATE TABLE news_projects (
  news_id    INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  PRIMARY KEY (news_id, project_id)
) WITHOUT ROWID;
CREATE INDEX news_projects_project ON news_projects (project_id, news_id);

CREATE TABLE news_partners (
  news_id    INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  PRIMARY KEY (news_id, partner_id)
) WITHOUT ROWID;
CREATE INDEX news_partners_partner ON news_partners (partner_id, news_id);

CREATE TABLE project_topics (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  topic_id   INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX project_topics_topic ON project_topics (topic_id, project_id);

CREATE TABLE project_partners (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('FUNDER','IMPLEMENTER','PARTNER')),
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, role, partner_id)
) WITHOUT ROWID;
CREATE INDEX project_partners_partner ON project_partners (partner_id, role, project_id);

-- The search index holds folded text only (see translit.Fold): Cyrillic and Latin, upper and
-- lower case, with and without diacritics all index alike. It stores no content: snippets are
-- cut from the original text in Go. The rowid says what a row is: kind << 40 | id, with kind
-- 1 news, 2 project, 3 partner, so a kind filter is a rowid range.
CREATE VIRTUAL TABLE search USING fts5 (
  title, summary, body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3 4'
);
