/**
 * Redis, the shared cache (REDIS_URL): a second channel for "the content changed" (pub/sub,
 * beside PostgreSQL's LISTEN/NOTIFY) and the connection options every NewsBite client uses, so
 * that an outage costs a logged line and a miss, never a hung request.
 */
import Redis, { type RedisOptions } from 'ioredis';

export const CONTENT_CHANNEL = 'newsbite:content';

/** Fail fast while Redis is away (no offline queue, one try per command), reconnect every second. */
function redisOptions(): RedisOptions {
  return {
    connectTimeout: 1_000,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => 1_000,
    lazyConnect: false,
  };
}

/** A client that logs the first error of an outage and its end, instead of every retry. */
export function redisClient(url: string, name: string, log: (message: string) => void, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { ...redisOptions(), connectionName: `newsbite-${name}`, ...options });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) log(`redis (${name}): ${error.message}; serving without it, retrying every second`);
    down = true;
  });
  client.on('ready', () => {
    if (down) log(`redis (${name}): connected again`);
    down = false;
  });
  return client;
}

/** Calls `changed` for every content announcement, and once after each reconnect (messages meanwhile are lost). */
export function subscribeContent(url: string, changed: () => void, log: (message: string) => void): () => void {
  const client = redisClient(url, 'content-subscriber', log, { enableOfflineQueue: true, commandTimeout: undefined, maxRetriesPerRequest: null });
  client.on('message', () => changed());
  client.on('ready', () => changed());
  client.subscribe(CONTENT_CHANNEL).catch(() => undefined);
  return () => client.disconnect();
}

/** Tells every instance that a new version is in the store; best effort (the version poll is the safety net). */
export async function announceContent(url: string, version: string): Promise<boolean> {
  const client = new Redis(url, { ...redisOptions(), lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.publish(CONTENT_CHANNEL, version);
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
