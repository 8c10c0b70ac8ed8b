-- Keep GIN's list of pending index entries short (64 kB, its least): a search reads the
-- whole list on every look-up of a word, and by default it grows to 4 MB between two
-- vacuums (a rare word cost 2 ms reading 390 pages of it after a bulk load, 0.2 ms
-- without). Writes still gather their entries; the list is merged into the index when it
-- passes 64 kB. What is pending now is merged here.
ALTER INDEX search_doc SET (gin_pending_list_limit = 64);
SELECT gin_clean_pending_list('search_doc');
