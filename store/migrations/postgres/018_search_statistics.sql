-- The planner's statistics of the search index's tsvectors: the 1,000 most common
-- lexemes' frequencies would be 100 by default (statistics target 100: at most 1,000
-- elements kept, fewer once rare ones drop out), and a lexeme the statistics lack is
-- guessed at up to 0.5 % of the rows. At a million items a rare word ("Дивљана", 0.1 %)
-- was so guessed at 10,000 matches, and its count was planned as a walk of the whole
-- index newest first, testing every row (38 s from a cold cache) instead of a look-up in
-- the GIN index. With the target at 1,000 the guess for a lexeme the statistics lack is
-- half the rarest kept one's frequency (0.07 % there), and the look-up is planned. ANALYZE
-- now takes longer: 7.5 s at a million items.
ALTER TABLE search ALTER COLUMN doc SET STATISTICS 1000;
ANALYZE search;
