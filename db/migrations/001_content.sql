-- NewsBite content store, version 1. Each document keeps its full source text (the Markdown
-- file or sections.yml exactly as an editor wrote it), so the site validates and renders it
-- exactly as from the content folder; a few columns are extracted from the front matter for
-- queries and indexes.

-- One row: a counter bumped by every publish transaction. Instances poll it (and LISTEN on
-- channel newsbite_content, notified in the same transaction) to know when to re-read.
CREATE TABLE content_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO content_version (version) VALUES (0);

-- sections.yml
CREATE TABLE site_files (
  name text PRIMARY KEY CHECK (name IN ('sections.yml')),
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE authors (
  file text PRIMARY KEY CHECK (file LIKE 'authors/%.md'),
  id text NOT NULL,
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX authors_id ON authors (id);

CREATE TABLE articles (
  -- The path it would have in a content folder ("articles/2026/11/dmz.md"): error messages and
  -- the revision hash are the same from either store.
  file text PRIMARY KEY CHECK (file LIKE 'articles/%.md'),
  slug text NOT NULL,
  section text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
  published_at timestamptz NOT NULL,
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX articles_slug ON articles (slug);
-- The fronts: the newest public stories, site-wide and per section.
CREATE INDEX articles_front ON articles (published_at DESC) WHERE status = 'published';
CREATE INDEX articles_section_front ON articles (section, published_at DESC) WHERE status = 'published';
