-- The lists readers page through, kept by the store (issue 18, decision 47): one row per list a
-- story with `status: published` is in, the same keys as an instance's index ('published',
-- 'section:<slug>', 'tag:<slug>', 'author:<id>'), at its publication time; and 'corrections'
-- at its newest correction's date. Section, topic and author pages, their page counts and the
-- corrections page are reads of one index, whatever the size of the archive, so an instance
-- needs no catalogue to answer them; `modified` (the story's newest of published, updated and
-- correction dates) dates the parts of the articles sitemap. A trigger keeps the rows from each story's
-- `checked` column, so every write (publish, full load, db:migrate's fill) keeps them true.
CREATE TABLE article_lists (
  list text NOT NULL,
  at timestamptz NOT NULL,
  slug text NOT NULL,
  modified timestamptz NOT NULL
);
-- Newest first, ties by slug: the order of every listing.
CREATE UNIQUE INDEX article_lists_order ON article_lists (list, at DESC, slug);
CREATE INDEX article_lists_slug ON article_lists (slug);

CREATE FUNCTION article_list_rows(section text, published_at timestamptz, checked jsonb)
RETURNS TABLE (list text, at timestamptz, modified timestamptz) LANGUAGE sql STABLE AS $$
  WITH story AS (
    SELECT max((correction->>'date')::timestamptz) AS corrected FROM jsonb_array_elements(checked->'corrections') AS correction
  ), lists AS (
    SELECT 'published' AS list, published_at AS at
    UNION SELECT 'section:' || section, published_at
    UNION SELECT 'tag:' || (tag->>'slug'), published_at FROM jsonb_array_elements(checked->'tags') AS tag
    UNION SELECT 'author:' || author, published_at FROM jsonb_array_elements_text(checked->'authors') AS author
    UNION SELECT 'corrections', corrected FROM story WHERE corrected IS NOT NULL
  )
  SELECT lists.list, lists.at, greatest(published_at, (checked->>'updated')::timestamptz, story.corrected) FROM lists, story
$$;

-- Statement triggers with transition tables: a full load files its rows in one set, not row by row.
CREATE FUNCTION file_article_lists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    -- An array, so that a publish of a few stories deletes their rows by the slug index.
    DELETE FROM article_lists WHERE slug = ANY (ARRAY(SELECT slug FROM old_articles));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO article_lists (list, at, slug, modified)
      SELECT rows.list, rows.at, new_articles.slug, rows.modified FROM new_articles
        CROSS JOIN LATERAL article_list_rows(new_articles.section, new_articles.published_at, new_articles.checked::jsonb) AS rows
      WHERE new_articles.status = 'published' AND new_articles.checked IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER articles_lists_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS new_articles
  FOR EACH STATEMENT EXECUTE FUNCTION file_article_lists();
CREATE TRIGGER articles_lists_update AFTER UPDATE ON articles REFERENCING OLD TABLE AS old_articles NEW TABLE AS new_articles
  FOR EACH STATEMENT EXECUTE FUNCTION file_article_lists();
CREATE TRIGGER articles_lists_delete AFTER DELETE ON articles REFERENCING OLD TABLE AS old_articles
  FOR EACH STATEMENT EXECUTE FUNCTION file_article_lists();

INSERT INTO article_lists (list, at, slug, modified)
  SELECT rows.list, rows.at, articles.slug, rows.modified FROM articles CROSS JOIN LATERAL article_list_rows(articles.section, articles.published_at, articles.checked::jsonb) AS rows
  WHERE articles.status = 'published' AND articles.checked IS NOT NULL;
