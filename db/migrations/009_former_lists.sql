-- The lists (article_lists keys) a story was in before the change the log records. An instance
-- that does not hold the story (a catalogue read on demand, decision 48) cannot tell them from
-- the story as it is now, and drops the pages of the lists it left with them.
ALTER TABLE content_changes ADD COLUMN lists text[];
