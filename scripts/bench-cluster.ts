/**
 * Cluster benchmark (not a test): the scaled deployment of `npm run cluster` on this machine.
 *
 * - Throughput of an article and the home page through nginx with 1, 2 and 3 instances (wrk, 50
 *   connections, brotli), both as readers get it (nginx's 1 s micro-cache in front) and with every
 *   request a distinct URL (`?utm_source=<random>`) so that every one reaches an instance's fast
 *   path; against a bare node:http server sending the same bytes, in the same run.
 * - Publish-to-live across all instances over 20 publishes (PostgreSQL transaction, NOTIFY and
 *   Redis pub/sub): from the commit until every instance and the load balancer show the headline.
 * - Resident memory per instance after the load.
 *
 *   npm run bench:cluster          (NEXT_DIST_DIR, default .next-bench; built when missing)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitUntilUp } from '../__tests__/e2e/setup/server';
import { request } from '../__tests__/helpers/http';
import { writeVersion } from '../lib/store/postgres';
import { createPool } from '../lib/store/postgres-connection';
import { announceContent } from '../lib/store/redis';
import { applyChanges } from '../lib/store/changes';
import { storyText } from '../__tests__/e2e/helpers/stores';
import { ensureWrk, machine, percentile, residentMb, root, wrk, type WrkResult } from './bench-lib';
import { startCluster } from './cluster-lib';

const distDir = process.env.NEXT_DIST_DIR ?? '.next-bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PUBLISHES = 20;
const BR = ['Accept-Encoding: br'];

const BARE_SERVER = `
const fs = require('fs');
const pages = JSON.parse(fs.readFileSync(process.env.BARE_PAGES, 'utf8'));
for (const key of Object.keys(pages)) pages[key].body = Buffer.from(pages[key].body, 'base64');
require('http').createServer((req, res) => {
  const r = pages[req.url.split('?')[0]] || pages['/'];
  res.writeHead(200, r.headers);
  res.end(r.body);
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function startBare(pages: Record<string, { headers: string[]; body: string }>) {
  const file = path.join(os.tmpdir(), `newsbite-bare-cluster-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(pages));
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { env: { ...process.env, PORT: String(port), BARE_PAGES: file }, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, child, () => '(see the terminal)');
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { url, stop: () => (child.kill('SIGTERM'), fs.rmSync(file, { force: true })) };
}

function distinctScript(target: string): string {
  const file = path.join(os.tmpdir(), `newsbite-distinct-${process.pid}-${target.replace(/\W/g, '_')}.lua`);
  fs.writeFileSync(file, `request = function()\n  return wrk.format("GET", "${target}?utm_source=" .. math.random(1, 1000000000), { ["Accept-Encoding"] = "br" })\nend\n`);
  return file;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Row {
  instances: number;
  page: string;
  cached: WrkResult;
  distinct: WrkResult;
}

async function main() {
  ensureWrk();
  const rows: Row[] = [];
  const memory: { instances: number; mb: number[] }[] = [];
  let bare: { article: WrkResult; home: WrkResult } | undefined;
  const publishTimes: number[] = [];
  let pages: { article: string; home: string } | undefined;

  for (const instances of [1, 2, 3]) {
    console.log(`bench: cluster with ${instances} instance(s)...`);
    const cluster = await startCluster({ instances, distDir, log: (m) => console.log(`  ${m}`) });
    try {
      if (!pages) {
        const home = (await request(`${cluster.nginx.url}/`)).body.toString();
        const article = [...home.matchAll(/href="(\/(?:world|science|technology|business|culture)\/[a-z0-9-]+)"/g)][0][1];
        pages = { article, home: '/' };
        // The bare baseline replays what the load balancer sends (brotli), measured once in this run.
        const recorded: Record<string, { headers: string[]; body: string }> = {};
        for (const target of [article, '/']) {
          const reply = await request(`${cluster.nginx.url}${target}`, { 'accept-encoding': 'br' });
          const headers = reply.rawHeaders.filter((_, i) => i % 2 === 0).flatMap((name, i) => (['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name.toLowerCase()) ? [] : [name, reply.rawHeaders[2 * i + 1]]));
          recorded[target] = { headers, body: reply.body.toString('base64') };
        }
        const server = await startBare(recorded);
        try {
          bare = { article: wrk(`${server.url}${article}`, { connections: 50, seconds: SECONDS, headers: BR }), home: wrk(`${server.url}/`, { connections: 50, seconds: SECONDS, headers: BR }) };
        } finally {
          server.stop();
        }
      }
      // Warm every instance (first render and compression per version).
      for (const instance of cluster.instances) for (const target of [pages.article, pages.home]) await request(`${instance.url}${target}`, { 'accept-encoding': 'br' });
      for (const [page, target] of [['article', pages.article], ['home page', pages.home]] as const) {
        const cached = wrk(`${cluster.nginx.url}${target}`, { connections: 50, seconds: SECONDS, headers: BR });
        const distinct = wrk(`${cluster.nginx.url}/`, { connections: 50, seconds: SECONDS, script: distinctScript(target) });
        rows.push({ instances, page, cached, distinct });
        console.log(`  ${page}: ${fmt(cached.requestsPerSecond)} req/s cached, ${fmt(distinct.requestsPerSecond)} req/s distinct URLs`);
      }
      memory.push({ instances, mb: cluster.instances.map((instance) => residentMb(instance.pid()!)) });

      if (instances === 3) {
        const pool = createPool(cluster.env.DATABASE_URL, 1);
        const origins = [...cluster.instances.map((instance) => instance.url), cluster.nginx.url];
        try {
          for (let i = 0; i < PUBLISHES; i++) {
            const slug = `bench-cluster-story-${i % 4}`;
            const headline = `Cluster benchmark headline ${i} ${Date.now()}`;
            const { version } = await writeVersion(pool, cluster.env.PHOTOS_DIR, (current) => applyChanges(current, [{ kind: 'article', slug, text: storyText(slug, { headline }) }]), { slugs: [slug] });
            const committed = performance.now();
            void announceContent(cluster.env.REDIS_URL, version);
            const pending = new Set(origins);
            while (pending.size) {
              for (const origin of [...pending]) {
                const reply = await request(`${origin}/science/${slug}`);
                if (reply.status === 200 && reply.body.includes(headline)) pending.delete(origin);
              }
              if (performance.now() - committed > 30_000) throw new Error('a publish was not live after 30 s');
              if (pending.size) await new Promise((resolve) => setTimeout(resolve, 10));
            }
            publishTimes.push(performance.now() - committed);
          }
        } finally {
          await pool.end();
        }
      }
    } finally {
      await cluster.stop();
    }
  }

  const report = [
    '# Cluster benchmark',
    '',
    'Written by `npm run bench:cluster` (scripts/bench-cluster.ts). The deployment of `npm run cluster`',
    '(PostgreSQL, Redis, nginx with a 1 s micro-cache, N production servers), all on this one machine, with',
    `wrk (50 connections, 2 threads, ${SECONDS} s, \`Accept-Encoding: br\`) on the same cores.`,
    '',
    machine(),
    '',
    '## Throughput through nginx',
    '',
    '"As readers get it": the same URL again and again, so nginx answers most requests from its micro-cache.',
    '"Distinct URLs": every request has its own `?utm_source=<random>`, so nginx caches nothing and every request',
    'is answered by an instance\'s fast path (the worst case for the instances, the case that scales with them).',
    '',
    '| page | instances | as readers get it | of bare | p99 | distinct URLs | of bare | p99 | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const base = r.page === 'article' ? bare!.article : bare!.home;
      return `| ${r.page} | ${r.instances} | ${fmt(r.cached.requestsPerSecond)} | ${fmt((100 * r.cached.requestsPerSecond) / base.requestsPerSecond, 1)} % | ${fmt(r.cached.p99Ms, 1)} ms | ${fmt(r.distinct.requestsPerSecond)} | ${fmt((100 * r.distinct.requestsPerSecond) / base.requestsPerSecond, 1)} % | ${fmt(r.distinct.p99Ms, 1)} ms | ${r.cached.errors + r.distinct.errors + r.cached.non2xx + r.distinct.non2xx} |`;
    }),
    `| bare node:http, same bytes | — | ${fmt(bare!.article.requestsPerSecond)} (article), ${fmt(bare!.home.requestsPerSecond)} (home) | 100 % | ${fmt(bare!.article.p99Ms, 1)} ms | | | | ${bare!.article.errors + bare!.home.errors} |`,
    '',
    'The bare server is one Node process, as each instance is: one instance can use one core, two instances use both',
    'cores of this machine (the distinct-URL column grows with them), and a third can only share the same two cores with',
    'nginx, wrk and PostgreSQL. Above 100 %: nginx answers from its micro-cache in C, or two processes beat one. On',
    'separate machines each instance adds its own cores. The machine was shared with other builds while this ran.',
    '',
    `## Publish to live, ${PUBLISHES} publishes, 3 instances`,
    '',
    'From the commit of the publish transaction until all three instances and the load balancer answer the story with',
    'its new headline (polled every 10 ms; includes the first render of the new version on each instance).',
    '',
    `| p50 | p95 | max |`,
    '| --- | --- | --- |',
    `| ${fmt(percentile(publishTimes, 50))} ms | ${fmt(percentile(publishTimes, 95))} ms | ${fmt(Math.max(...publishTimes))} ms |`,
    '',
    '## Memory per instance (resident, after the load)',
    '',
    '| instances | MB each |',
    '| --- | --- |',
    ...memory.map((m) => `| ${m.instances} | ${m.mb.map((mb) => fmt(mb)).join(', ')} |`),
    '',
  ].join('\n');
  console.log(report);
  if (process.argv.includes('--write')) {
    fs.mkdirSync(path.join(root, 'docs', 'benchmarks'), { recursive: true });
    fs.writeFileSync(path.join(root, 'docs', 'benchmarks', 'cluster.md'), report);
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
