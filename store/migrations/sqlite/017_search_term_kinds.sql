-- The search vocabulary's counts by kind (see store/search_terms.go): per term and kind
-- number (a search rowid's high bits), how many indexed items of that kind have the term.
-- A one-word search reads them to know that a kind has more matches than it counts
-- (maxCounted) without counting them. Kept in step with search_terms in the same
-- transaction; the migration's step in Go (fillTermKinds) fills it from
-- search_item_terms.
CREATE TABLE search_term_kinds (
  term TEXT   NOT NULL,
  kind BIGINT NOT NULL,
  docs BIGINT NOT NULL,
  PRIMARY KEY (term, kind)
);
