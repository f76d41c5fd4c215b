import { Client, type Pool } from 'pg';
import type { EncodedPicks, StoredPicks } from '../content/related-ranking';
import { connectionConfig, inTransaction, listen } from './postgres-connection';

/** The channel a write of related picks notifies. */
const RELATED_CHANNEL = 'newsbite_related';
/** Picks read or written per query: 10,000 are about 2 MB. */
const PICKS_BATCH = 10_000;
/** The advisory lock whose holder ranks for every instance. */
const RANKING_LOCK = 'newsbite-related';

/**
 * Related picks kept in the store (migration 006, decision 46). The instance that holds the
 * ranking lock, on a connection of its own for as long as it runs, ranks and writes them; a
 * lock dies with its connection, so when that instance stops another takes over at its next
 * attempt.
 */
export function postgresRelatedPicks(url: string, pool: Pool): StoredPicks & { close(): Promise<void> } {
  let leading: Client | undefined;
  return {
    async latest() {
      const { rows } = await pool.query<{ version: string }>('SELECT coalesce(max(version), 0)::text AS version FROM related_picks');
      return rows[0].version;
    },
    async picksOf(slugs) {
      const { rows } = await pool.query<{ slug: string; picks: string }>('SELECT slug, picks FROM related_picks WHERE slug = ANY($1::text[])', [slugs]);
      return new Map(rows.map((row) => [row.slug, row.picks]));
    },
    async *readSince(cursor) {
      for (;;) {
        const { rows } = await pool.query<{ slug: string; picks: string; version: string }>(
          'SELECT slug, picks, version::text FROM related_picks WHERE version > $1 ORDER BY version LIMIT $2',
          [cursor, PICKS_BATCH],
        );
        if (rows.length) {
          cursor = rows[rows.length - 1].version;
          yield { picks: rows.map((row): [string, EncodedPicks] => [row.slug, row.picks]), cursor };
        }
        if (rows.length < PICKS_BATCH) return;
      }
    },
    async rankedWhole() {
      const { rows } = await pool.query<{ ranked: boolean }>('SELECT whole_ranked_at IS NOT NULL AS ranked FROM related_ranking');
      return rows[0]?.ranked ?? false;
    },
    async lead() {
      if (leading) return true;
      const client = new Client(connectionConfig(url));
      const lost = () => {
        if (leading === client) leading = undefined;
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
        const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS taken', [RANKING_LOCK]);
        if (rows[0].taken) {
          leading = client;
          return true;
        }
      } catch {
        // The store is away: no one ranks until it is back.
      }
      await client.end().catch(() => undefined);
      return false;
    },
    async write(picks, whole) {
      await inTransaction(pool, 'BEGIN', async (client) => {
        if (whole) await client.query('DELETE FROM related_picks');
        for (let at = 0; at < picks.length; at += PICKS_BATCH) {
          const batch = picks.slice(at, at + PICKS_BATCH);
          await client.query(
            `INSERT INTO related_picks (slug, picks) SELECT * FROM unnest($1::text[], $2::text[])
             ON CONFLICT (slug) DO UPDATE SET picks = excluded.picks, version = nextval('related_picks_version')`,
            [batch.map(([slug]) => slug), batch.map(([, chosen]) => chosen)],
          );
        }
        if (whole) await client.query('UPDATE related_ranking SET whole_ranked_at = now()');
        await client.query('SELECT pg_notify($1, $2)', [RELATED_CHANNEL, String(picks.length)]);
      });
    },
    watch(written, log) {
      return listen(url, RELATED_CHANNEL, written, log);
    },
    async close() {
      const client = leading;
      leading = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
