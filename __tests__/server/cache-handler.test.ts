import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedis, waitFor, type Service } from '@/scripts/services';
import type * as HandlerModule from '@/server/cache-handler';

/**
 * Next's shared cache in Redis, as two instances see it: two copies of the handler module (two
 * processes' module scopes) against one redis-server. Checks the pitfalls of NOTES-next16.md:
 * tag revalidation must reach every instance, an entry must keep its lifetime, and an outage
 * must cost a miss, not an error.
 */
const haveRedis = fs.existsSync('/usr/bin/redis-server');
const describeWithRedis = haveRedis ? describe : describe.skip;

type Module = typeof HandlerModule;
const load = (): Module => {
  let loaded: Module | undefined;
  jest.isolateModules(() => {
    loaded = require('@/server/cache-handler') as Module;
  });
  return loaded!;
};

const image = (bytes: string) => ({ kind: 'IMAGE', etag: 'e1', buffer: Buffer.from(bytes), extension: 'avif', revalidate: 2592000 });

describe('serialisation', () => {
  it('keeps Buffers and Maps', () => {
    const { serialize, deserialize } = load();
    const value = { kind: 'APP_PAGE', rscData: Buffer.from([0, 1, 2, 255]), segmentData: new Map([['/a', Buffer.from('seg')]]), headers: { 'x-a': '1' } };
    const back = deserialize(serialize({ value, lastModified: 5, tags: ['t'] }));
    expect(back).toEqual({ value, lastModified: 5, tags: ['t'] });
    expect(Buffer.isBuffer((back.value as typeof value).rscData)).toBe(true);
    expect((back.value as typeof value).segmentData).toBeInstanceOf(Map);
  });
});

describeWithRedis('the Redis cache handler across two instances', () => {
  let dir: string;
  let redis: Service;
  let one: Module;
  let two: Module;
  const logs: string[] = [];
  const ready = async (module: Module) => {
    const handler = new module.default({});
    // The first call connects; wait until a set is visible in Redis.
    await waitFor('the handler to reach Redis', async () => {
      await handler.set('probe', image('p'), { cacheControl: { revalidate: 60 } });
      return (await new (two.default)({}).get('probe')) !== null;
    }, 5_000);
    return handler;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-cache-test-'));
    redis = await startRedis(dir);
    process.env.REDIS_URL = redis.url;
    jest.spyOn(console, 'log').mockImplementation((message: string) => void logs.push(message));
    one = load();
    two = load();
    await ready(one);
  });
  afterAll(async () => {
    one?.resetForTests();
    two?.resetForTests();
    delete process.env.REDIS_URL;
    await redis?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves an image one instance encoded to the other, with its lifetime', async () => {
    await new one.default({}).set('image-a', image('avif bytes'), { cacheControl: { revalidate: 2592000 } });
    const got = await new two.default({}).get('image-a');
    expect(got?.value).toEqual(image('avif bytes'));
    expect((got?.value as { revalidate: number }).revalidate).toBe(2592000);
  });

  it('shares tag revalidation: a tag expired on one instance is expired on the other', async () => {
    await new one.default({}).set('data-b', { kind: 'FETCH', data: { body: 'x' }, revalidate: 300 }, { tags: ['story:b'] });
    expect(await new one.default({}).get('data-b')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2));
    await new two.default({}).revalidateTag(['story:b']);
    expect(await new one.default({}).get('data-b')).toBeNull();
    expect(await new two.default({}).get('data-b')).toBeNull();
  });

  it('keeps working from memory while Redis is down, logs it once, and shares again when it is back', async () => {
    await redis.stop();
    await waitFor('the handler to notice', () => logs.some((line) => /redis \(next-cache\)/.test(line)), 5_000);
    const handler = new one.default({});
    const started = Date.now();
    await handler.set('image-c', image('offline'), { cacheControl: { revalidate: 60 } });
    expect((await handler.get('image-c'))?.value).toEqual(image('offline'));
    expect(await new two.default({}).get('image-c')).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(logs.filter((line) => /redis \(next-cache\)/.test(line) && !/again/.test(line)).length).toBeLessThanOrEqual(2);
    await redis.start();
    await waitFor('sharing again', async () => {
      await new one.default({}).set('image-d', image('back'), { cacheControl: { revalidate: 60 } });
      return (await new two.default({}).get('image-d')) !== null;
    }, 10_000);
    expect(logs.some((line) => /connected again/.test(line))).toBe(true);
  });
});
