import type { Pool } from 'pg';
import type { StoredLists } from '../content/lists';
import type { Article } from '../content/types';

/** A stored article as its publish checked it (the `checked` column). */
export function storedArticle(checked: string): Article {
  return JSON.parse(checked) as Article;
}

/**
 * The lists the store keeps (migration 007, decision 47), read a page at a time: the page by the
 * `article_lists_order` index from its offset, the stories by their unique slug, the count by the
 * same index. Each costs the page and the list's length in index entries, never the archive's
 * stories.
 */
export function postgresLists(pool: Pool): StoredLists {
  const storiesOf = (rows: { checked: string }[]) => rows.map((row) => storedArticle(row.checked));
  return {
    async page(list, offset, limit, at) {
      const when = new Date(at);
      const [page, count] = await Promise.all([
        pool.query<{ checked: string }>(
          `SELECT articles.checked FROM article_lists JOIN articles USING (slug)
           WHERE article_lists.list = $1 AND article_lists.at <= $2 ORDER BY article_lists.at DESC, article_lists.slug LIMIT $3 OFFSET $4`,
          [list, when, limit, offset],
        ),
        pool.query<{ total: number }>('SELECT count(*)::int AS total FROM article_lists WHERE list = $1 AND at <= $2', [list, when]),
      ]);
      return { stories: storiesOf(page.rows), total: count.rows[0].total };
    },
    async oldestFirst(list, offset, limit, at) {
      const { rows } = await pool.query<{ checked: string }>(
        `SELECT articles.checked FROM article_lists JOIN articles USING (slug)
         WHERE article_lists.list = $1 AND article_lists.at <= $2 ORDER BY article_lists.at, article_lists.slug DESC LIMIT $3 OFFSET $4`,
        [list, new Date(at), limit, offset],
      );
      return storiesOf(rows);
    },
    async changedLastPerRun(list, runLength, at) {
      // One pass over the list's rows in order, then one story per run.
      const { rows } = await pool.query<{ checked: string }>(
        `SELECT articles.checked FROM (
           SELECT DISTINCT ON (run) run, slug FROM (
             SELECT (row_number() OVER (ORDER BY at, slug DESC) - 1) / $3 AS run, slug, modified
             FROM article_lists WHERE list = $1 AND at <= $2
           ) AS numbered ORDER BY run, modified DESC, slug
         ) AS changed_last JOIN articles USING (slug) ORDER BY run`,
        [list, new Date(at), runLength],
      );
      return storiesOf(rows);
    },
    async changedLastPerList(at) {
      // Each list found by skipping to the next one in the index (a loose scan), then its story
      // changed last by article_lists_changed (migration 010): index descents per list, whatever
      // the archive's size. A story changed last in several lists is parsed once.
      const { rows } = await pool.query<{ list: string; slug: string; checked: string }>(
        `WITH RECURSIVE lists (list) AS (
           SELECT min(list) FROM article_lists
           UNION ALL
           SELECT (SELECT min(list) FROM article_lists WHERE list > lists.list) FROM lists WHERE lists.list IS NOT NULL
         )
         SELECT lists.list, changed_last.slug, articles.checked FROM lists
           CROSS JOIN LATERAL (
             SELECT slug FROM article_lists WHERE article_lists.list = lists.list AND at <= $1 ORDER BY modified DESC, slug LIMIT 1
           ) AS changed_last
           JOIN articles USING (slug)
         WHERE lists.list <> 'corrections'`,
        [new Date(at)],
      );
      const stories = new Map<string, Article>();
      const storyOf = (row: (typeof rows)[number]) => stories.get(row.slug) ?? stories.set(row.slug, storedArticle(row.checked)).get(row.slug)!;
      return new Map(rows.map((row) => [row.list, storyOf(row)]));
    },
    async corrected(limit) {
      const { rows } = await pool.query<{ checked: string }>(
        `SELECT articles.checked FROM article_lists JOIN articles USING (slug)
         WHERE article_lists.list = 'corrections' ORDER BY article_lists.at DESC, article_lists.slug LIMIT $1`,
        [limit],
      );
      return storiesOf(rows);
    },
  };
}
