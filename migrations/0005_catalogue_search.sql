-- Hand-written (drizzle-kit does not generate virtual tables): the catalogue's full-text search.
-- FTS5 is compiled into libSQL, both in the `libsql` npm package the local server uses and on Turso.
--
-- offers_fts: one row per PUBLISHED offer, rowid = offers.seq. The columns hold the text as the
-- application prepared it (normalised words plus their stems and compound parts, see
-- src/features/catalogue/dutch-search.ts); the service rewrites a row in the same write batch
-- as the change that publishes, edits or archives the offer.
-- remove_diacritics 2 ignores accents; the prefix indexes make "subsid*" queries cheap.
CREATE VIRTUAL TABLE `offers_fts` USING fts5(title, summary, body, organisation, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
--> statement-breakpoint
-- The index's vocabulary, to ask "does any indexed word start with this?" without a scan.
CREATE VIRTUAL TABLE `offers_fts_vocab` USING fts5vocab(offers_fts, 'row');
--> statement-breakpoint
-- Typo tolerance: every indexed word (search_terms) indexed by its trigrams.
CREATE VIRTUAL TABLE `search_terms_tri` USING fts5(term, content = 'search_terms', content_rowid = 'id', tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `search_terms_ai` AFTER INSERT ON `search_terms` BEGIN
  INSERT INTO search_terms_tri(rowid, term) VALUES (new.id, new.term);
END;
--> statement-breakpoint
CREATE TRIGGER `search_terms_ad` AFTER DELETE ON `search_terms` BEGIN
  INSERT INTO search_terms_tri(search_terms_tri, rowid, term) VALUES ('delete', old.id, old.term);
END;
