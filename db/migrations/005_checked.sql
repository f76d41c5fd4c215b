-- Each story as the site checked it (issue 18, decision 44). The publish transaction that writes
-- a story also writes the article it validated (every field but the body, as JSON) and the
-- lede related ranking reads. An instance starts from these instead of parsing every story,
-- applies a change without parsing it again, and reads a body only when a page shows it.
-- npm run db:migrate fills both for stored content when it applies this migration; until then
-- an instance parses the rows that lack them.
ALTER TABLE articles ADD COLUMN checked text;
ALTER TABLE articles ADD COLUMN lede text;
