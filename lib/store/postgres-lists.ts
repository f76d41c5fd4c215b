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
