-- Per-document changes (issue 18). Each publish transaction records the files it wrote under
-- the version it made; an instance reads the documents changed since the version it holds
-- (NOTIFY tells it when), and reads the whole store only at start, after a full load (file
-- '*'), or when it fell further behind than the log keeps.
CREATE TABLE content_changes (
  version bigint NOT NULL,
  file text NOT NULL,
  PRIMARY KEY (version, file)
);

-- A publish checks its documents against the others through indexes, never by reading the
-- store: the URLs a story answers at (its path and its old URLs, front matter `aliases`).
-- npm run db:migrate fills it for stored content when it applies this migration.
ALTER TABLE articles ADD COLUMN urls text[] NOT NULL DEFAULT '{}';
CREATE INDEX articles_urls ON articles USING gin (urls);
