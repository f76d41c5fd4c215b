import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';

/** The versioned migrations, in order: db/migrations/NNN_name.sql. */
const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'db', 'migrations');

function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return fs.readdirSync(dir).filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name)).sort();
}

/**
 * Applies every migration not applied yet, each in its own transaction, under an advisory lock
 * so that instances or scripts started together cannot apply one twice. Returns the names applied.
 */
export async function migrate(pool: Pool, dir = MIGRATIONS_DIR, log: (message: string) => void = console.log): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['newsbite-migrations']);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((row) => row.name));
    for (const name of migrationFiles(dir)) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed and was rolled back: ${(error as Error).message}`);
      }
      log(`db: applied ${name}`);
      applied.push(name);
    }
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['newsbite-migrations']);
  } finally {
    client.release();
  }
  return applied;
}
