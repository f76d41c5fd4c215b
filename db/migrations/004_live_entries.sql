-- Live blog entries (issue 19): each update its own document, as live/<story-slug>/<entry-id>.md
-- is in a content folder, so several reporters post at once and an instance applies only the
-- entries that changed (the change log and NOTIFY of 003, as for articles). A deleted entry
-- stays as a row with status: deleted in its source: its permalink answers 410.
CREATE TABLE live_entries (
  file text PRIMARY KEY CHECK (file LIKE 'live/%/%.md'),
  story text NOT NULL,
  id text NOT NULL,
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (file = 'live/' || story || '/' || id || '.md')
);
-- A story's entries, read together when an instance loads the store.
CREATE INDEX live_entries_story ON live_entries (story);
