/**
 * Connections to the PostgreSQL store (DATABASE_URL), shared by the content source, the
 * related picks it keeps, the scripts and site search.
 */
import { Client, Pool, type ClientConfig, type PoolClient } from 'pg';

/** Short timeouts: an instance must keep serving (and a publish must fail clearly) when the store is away. */
export function connectionConfig(url: string): ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 10_000, keepAlive: true, application_name: 'newsbite' };
}

/** `options`: server settings for every connection of the pool (libpq's `-c name=value`). */
export function createPool(url: string, max = 4, options?: string): Pool {
  const pool = new Pool({ ...connectionConfig(url), max, idleTimeoutMillis: 10_000, ...(options ? { options } : {}) });
  // An idle connection that the server dropped (a restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** "127.0.0.1:5432/newsbite", for messages: never the password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * LISTEN on `channel` with its own connection, reconnecting every second while the store is
 * away; on each reconnect it hints a change, since notifications sent meanwhile are lost.
 */
export function listen(url: string, channel: string, changed: () => void, log: (message: string) => void): () => void {
  let client: Client | undefined;
  let closed = false;
  let down = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, 1_000);
    timer.unref();
  };
  const connect = async () => {
    const current = new Client(connectionConfig(url));
    client = current;
    current.on('notification', () => changed());
    const lost = (error?: Error) => {
      if (client !== current) return;
      client = undefined;
      current.removeAllListeners('notification');
      void current.end().catch(() => undefined);
      if (!down && !closed) log(`content: LISTEN ${channel} lost (${error?.message ?? 'connection ended'}); retrying every second`);
      down = true;
      retry();
    };
    current.on('error', lost);
    current.on('end', () => lost());
    try {
      await current.connect();
      await current.query(`LISTEN ${channel}`);
      if (down) log(`content: LISTEN ${channel} restored`);
      down = false;
      changed();
    } catch (error) {
      lost(error as Error);
    }
  };
  void connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    const current = client;
    client = undefined;
    void current?.end().catch(() => undefined);
  };
}
