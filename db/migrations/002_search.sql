-- NewsBite site search on PostgreSQL (docs/search.md). The publish transaction that writes a
-- story writes its search document too (lib/search/postgres-index.ts), from the validated
-- article: so every instance answers from the same index, in step with the store.
-- pg_trgm, unaccent and fuzzystrmatch ship with PostgreSQL and are trusted extensions: the
-- database owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- English stemming with accents folded ("Café" finds "cafe"), as the embedded engine does.
CREATE TEXT SEARCH CONFIGURATION newsbite (COPY = english);
ALTER TEXT SEARCH CONFIGURATION newsbite
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- One row per published story, embargoed ones included: the query leaves out those whose
-- time has not come, so an embargo lifts in search at the same moment as on the site.
-- Drafts and withdrawn stories have no row.
CREATE TABLE search_documents (
  slug text PRIMARY KEY,
  section text NOT NULL,
  authors text[] NOT NULL,
  tags text[] NOT NULL,
  published_at timestamptz NOT NULL,
  revision text NOT NULL,
  headline text NOT NULL,
  -- Topic names, one per line.
  tag_names text NOT NULL,
  standfirst text NOT NULL,
  -- The body as readers see it (no Markdown or markup): what snippets quote.
  body text NOT NULL,
  -- Weights A-D, ranked 4:3:2:1 (lib/search/postgres-engine.ts).
  document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('newsbite', headline), 'A') ||
    setweight(to_tsvector('newsbite', tag_names), 'B') ||
    setweight(to_tsvector('newsbite', standfirst), 'C') ||
    setweight(to_tsvector('newsbite', body), 'D')
  ) STORED,
  -- The same without the body: small enough to stay in the row, so ranking every match of a
  -- common word by it is cheap; only the best of those are ranked by the whole document.
  lead tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('newsbite', headline), 'A') ||
    setweight(to_tsvector('newsbite', tag_names), 'B') ||
    setweight(to_tsvector('newsbite', standfirst), 'C')
  ) STORED
);
CREATE INDEX search_documents_document ON search_documents USING gin (document);
CREATE INDEX search_documents_published ON search_documents (published_at DESC);

-- Every word the indexed stories use (folded, not stemmed), with how many story revisions used
-- it: the source of "did you mean" and typo tolerance through trigram similarity. Words are
-- only added, as in the embedded engine: a suggestion is offered only once it finds stories.
CREATE TABLE search_words (
  word text PRIMARY KEY,
  stories integer NOT NULL
);
CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops);
