-- Hand-written (drizzle-kit does not generate virtual tables): full-text search over events, as
-- 0005_catalogue_search.sql does for offers. One row per PUBLISHED event, rowid = events.seq;
-- the columns hold the text as src/features/catalogue/dutch-search.ts prepares it (words plus
-- stems and compound parts). The events service rewrites a row in the same write batch as the
-- change that publishes, edits or cancels the event. Typo correction reuses `search_terms_tri`.
CREATE VIRTUAL TABLE `events_fts` USING fts5(title, summary, body, organiser, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
--> statement-breakpoint
CREATE VIRTUAL TABLE `events_fts_vocab` USING fts5vocab(events_fts, 'row');
