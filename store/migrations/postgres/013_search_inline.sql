-- Keep each search row's tsvector in the row itself, uncompressed, up to a full page
-- (see store/search_postgres.go): matching a row and ranking it read its tsvector once per
-- call, and a tsvector moved out of line to the TOAST table (any above about 2 KB, that
-- is most items') costs a TOAST lookup and a decompression on every read: ranking the
-- candidates of a common word read each one eight times. Rows written before are written
-- again (|| with an empty tsvector makes a new value), so they move in as well.
ALTER TABLE search SET (toast_tuple_target = 8160);
ALTER TABLE search ALTER COLUMN doc SET STORAGE MAIN;
UPDATE search SET doc = doc || ''::tsvector;
