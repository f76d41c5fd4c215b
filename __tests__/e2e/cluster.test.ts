import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWrk, type WrkResult } from '@/scripts/bench-lib';
import { startCluster, type Cluster } from '@/scripts/cluster-lib';
import { request } from '../helpers/http';
import { within } from './helpers/live-site';
import { isoFromNow, runPublish, storyText } from './helpers/stores';
import { E2E_PUBLIC_ORIGIN } from './setup/server';

/**
 * The scaled deployment under faults (`npm run cluster`'s own code): two instances on PostgreSQL
 * and Redis behind nginx, loaded with wrk through the load balancer while an instance is killed,
 * Redis is stopped and PostgreSQL is stopped. Every load run is a few seconds on 127.0.0.1.
 */
const PUBLISH_TOKEN = 'cluster-test-token';
const LIVE_WITHIN_MS = 2_000;
let cluster: Cluster;
let work: string;
let article: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-cluster-test-'));
  cluster = await startCluster({
    instances: 2,
    distDir: process.env.E2E_DIST_DIR ?? '.next-e2e',
    env: { SITE_URL: E2E_PUBLIC_ORIGIN, SITE_INDEXABLE: 'true', PUBLISH_TOKEN },
    log: () => undefined,
  });
  const home = (await get(cluster.nginx.url, '/')).body.toString();
  article = [...home.matchAll(/href="(\/(?:world|science|technology|business|culture)\/[a-z0-9-]+)"/g)][0][1];
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

const get = (origin: string, target: string, headers: Record<string, string> = {}) => request(`${origin}${target}`, { 'user-agent': 'newsbite-e2e', ...headers });
const publishEnv = () => ({ ...cluster.env });

/** wrk against the load balancer, every request a distinct URL (?utm_source=…) so the micro-cache cannot hide a failure. */
function load(target: string, seconds: number): Promise<WrkResult> {
  const script = path.join(work, 'distinct.lua');
  fs.writeFileSync(script, `request = function()\n  return wrk.format("GET", "${target}?utm_source=" .. math.random(1, 1000000000))\nend\n`);
  return new Promise((resolve, reject) => {
    execFile('wrk', ['-t2', '-c16', `-d${seconds}s`, '--latency', '-s', script, `${cluster.nginx.url}/`], { timeout: (seconds + 20) * 1000 }, (error, stdout) =>
      error ? reject(error) : resolve(parseWrk(stdout)),
    );
  });
}

/** Where two texts first differ, with some context, or undefined when they are equal. */
function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function publishStory(slug: string, headline: string) {
  const file = path.join(work, `${slug}.md`);
  fs.writeFileSync(file, storyText(slug, { headline }));
  return runPublish([file], publishEnv());
}

const everywhere = async (target: string, check: (status: number, body: string) => boolean, ms = LIVE_WITHIN_MS) => {
  for (const origin of [...cluster.instances.map((instance) => instance.url), cluster.nginx.url]) {
    await within(ms, async () => {
      const reply = await get(origin, target);
      return check(reply.status, reply.body.toString());
    });
  }
};

describe('nginx in front', () => {
  it('passes the app\'s compressed bytes through unchanged and never caches a 404', async () => {
    const [direct, balanced] = await Promise.all([get(cluster.instances[0].url, article, { 'accept-encoding': 'br' }), get(cluster.nginx.url, article, { 'accept-encoding': 'br' })]);
    expect(balanced.headers['content-encoding']).toBe('br');
    expect(balanced.body.equals(direct.body)).toBe(true);
    const slug = 'cluster-later-story';
    for (let i = 0; i < 2; i++) {
      const missing = await get(cluster.nginx.url, `/science/${slug}`);
      expect([missing.status, missing.headers['x-micro-cache']]).toEqual([404, 'MISS']);
    }
    // The home page in the micro-cache, then expired: the first reader after the publish must not get that copy.
    expect((await get(cluster.nginx.url, '/')).status).toBe(200);
    await sleep(1_200);
    expect((await publishStory(slug, 'A story asked for before it existed')).code).toBe(0);
    await everywhere(`/science/${slug}`, (status) => status === 200);
    for (const instance of cluster.instances) await within(LIVE_WITHIN_MS, async () => (await get(instance.url, '/')).body.includes(`/science/${slug}`));
    const home = await get(cluster.nginx.url, '/');
    expect([home.headers['x-micro-cache'], home.body.includes(`/science/${slug}`)]).toEqual([expect.stringMatching(/MISS|EXPIRED/), true]);
  });
});

describe('a live blog on the cluster', () => {
  const blog = 'cluster-live-blog';
  const permalink = (id: string) => `/science/${blog}/updates/${id}`;

  it('gets an entry published with npm run publish on every instance within 2 s', async () => {
    const entry = path.join(work, 'live', blog, 'cluster-first.md');
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.writeFileSync(path.join(work, `${blog}.md`), storyText(blog, { headline: 'A live blog on the cluster', live: true }));
    fs.writeFileSync(entry, `---\nposted: ${isoFromNow(-1_000)}\ntitle: The first update\n---\nPublished to the store of the cluster.\n`);
    expect((await runPublish([path.join(work, `${blog}.md`), entry], publishEnv())).code).toBe(0);
    await everywhere(permalink('cluster-first'), (status, body) => status === 200 && body.includes('Published to the store of the cluster.'));
  });

  it('gets an entry posted to one instance\'s endpoint on every instance within a second, and its deletion (410)', async () => {
    const started = Date.now();
    const posted = await fetch(`${cluster.instances[0].url}/api/live/${blog}/entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PUBLISH_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Posted to one instance', body: 'Seen by **every** instance.' }),
    });
    expect(posted.status).toBe(201);
    const { id } = await posted.json();
    await everywhere(permalink(id), (status) => status === 200, 1_000);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2_000);
    const deleted = await fetch(`${cluster.instances[1].url}/api/live/${blog}/entries/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${PUBLISH_TOKEN}` } });
    expect(deleted.status).toBe(200);
    await everywhere(permalink(id), (status) => status === 410);
  });
});

describe('Next\'s shared cache in Redis', () => {
  it('gives an instance the image another one encoded, with the same Cache-Control', async () => {
    const html = (await get(cluster.nginx.url, article)).body.toString();
    const image = [...html.matchAll(/\/_next\/image\?url=[^"\s]+/g)].map((m) => m[0].replaceAll('&amp;', '&')).find((url) => /w=\d+/.test(url))!;
    const [one, two] = cluster.instances;
    const encoded = await get(one.url, image, { accept: 'image/avif,image/webp' });
    expect([encoded.status, encoded.headers['x-nextjs-cache']]).toEqual([200, 'MISS']);
    const shared = await get(two.url, image, { accept: 'image/avif,image/webp' });
    expect([shared.status, shared.headers['x-nextjs-cache'], shared.headers['cache-control'], shared.headers['content-type']]).toEqual([200, 'HIT', encoded.headers['cache-control'], encoded.headers['content-type']]);
    expect(shared.body.equals(encoded.body)).toBe(true);
  });
});

describe('an instance killed with SIGKILL under load', () => {
  it('costs no failed response, and the restarted instance serves the current version before it takes traffic', async () => {
    const victim = cluster.instances[1];
    const running = load(article, 6);
    await sleep(2_000);
    victim.kill();
    const result = await running;
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect([result.non2xx, result.errors]).toEqual([0, 0]);
    // A publish while it is down: it must have it when it answers again.
    expect((await publishStory('cluster-while-down', 'Published while an instance was down')).code).toBe(0);
    await victim.start();
    const first = await get(victim.url, '/science/cluster-while-down');
    expect(first.status).toBe(200);
    const versions = await Promise.all(cluster.instances.map(async (instance) => JSON.parse((await get(instance.url, '/api/content-status', { authorization: `Bearer ${PUBLISH_TOKEN}` })).body.toString()).version));
    expect(new Set(versions).size).toBe(1);
  });
});

describe('Redis stopped under load', () => {
  it('costs no 5xx, and a publish still reaches every instance through PostgreSQL', async () => {
    const running = load(article, 5);
    await sleep(1_500);
    await cluster.redis.stop();
    const result = await running;
    try {
      expect([result.non2xx, result.errors]).toEqual([0, 0]);
      const image = /\/_next\/image\?url=[^"\s]+/.exec((await get(cluster.nginx.url, article)).body.toString())![0].replaceAll('&amp;', '&');
      expect((await get(cluster.instances[0].url, image, { accept: 'image/webp' })).status).toBe(200);
      expect((await publishStory('cluster-no-redis', 'Published while Redis was down')).code).toBe(0);
      await everywhere('/science/cluster-no-redis', (status) => status === 200);
    } finally {
      await cluster.redis.start();
    }
    await within(5_000, async () => cluster.instances.every((instance) => /redis \(content-subscriber\): connected again/.test(instance.log())));
  });
});

describe('PostgreSQL stopped', () => {
  it('keeps the pages serving, refuses publishes clearly and loses nothing; the instances catch up when it returns', async () => {
    const before = await Promise.all(cluster.instances.map(async (instance) => (await get(instance.url, '/')).body.toString()));
    cluster.postgres.stop();
    try {
      const running = load(article, 3);
      const refused = await publishStory('cluster-no-db', 'Published while PostgreSQL was down');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/cannot reach PostgreSQL .*nothing was published/);
      const result = await running;
      expect([result.non2xx, result.errors]).toEqual([0, 0]);
      for (const [i, instance] of cluster.instances.entries()) {
        const home = await get(instance.url, '/');
        expect(home.status).toBe(200);
        expect(firstDifference(home.body.toString(), before[i])).toBeUndefined();
        expect((await get(instance.url, '/science/cluster-no-db')).status).toBe(404);
      }
      expect((await get(cluster.nginx.url, '/')).status).toBe(200);
    } finally {
      await cluster.postgres.start();
    }
    expect((await publishStory('cluster-after-db', 'Published when PostgreSQL was back')).code).toBe(0);
    await everywhere('/science/cluster-after-db', (status) => status === 200, 5_000);
    await everywhere('/science/cluster-no-db', (status) => status === 404);
  });
});
