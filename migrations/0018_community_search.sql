-- Hand-written (drizzle-kit does not generate virtual tables): full-text search over questions,
-- as 0005_catalogue_search.sql does for offers and 0008 for events. One row per PUBLISHED
-- question, rowid = questions.seq, text prepared by src/features/catalogue/dutch-search.ts.
-- The community service rewrites a row in the write batch that publishes, edits or hides it.
CREATE VIRTUAL TABLE `questions_fts` USING fts5(title, body, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
--> statement-breakpoint
CREATE VIRTUAL TABLE `questions_fts_vocab` USING fts5vocab(questions_fts, 'row');
