-- The search index holds each part's stems beside its words (see store/search_sqlite.go):
-- title, summary and body hold the folded words as before, title_stems, summary_stems and
-- body_stems the stem of each (translit.Stem: Serbian text as Serbian, English as
-- English). An FTS5 table cannot gain columns, so it is made anew; the migration's step in
-- Go (Store.rebuildSearch) then indexes again every item the index held.
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5 (
  title, summary, body, title_stems, summary_stems, body_stems,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3 4'
);
