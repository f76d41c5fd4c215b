/**
 * Live-publishing benchmark (not a test). Starts the production server on a writable copy of the
 * content folder and measures:
 *
 * - publish-to-live latency over 20 changes (new stories and headline edits, saved as editors'
 *   tools save: a temporary file, then a rename): from the rename until the home page, the
 *   article and the RSS feed all show the change, polled every 10 ms;
 * - an unknown-URL flood: wrk at 50 connections, every request a different article URL that
 *   does not exist, against the production server, plain `next start` and a bare node:http
 *   server that sends the same 404 bytes (the ceiling for any Node server), with the production
 *   server's resident memory before and after;
 * - a live blog (scripts/bench-live-blog.ts): 1,000 readers polling its updates.json every 10 s
 *   for BENCH_LIVE_BLOG_SECONDS (120) while an entry file arrives every 30 s: poll latency, the
 *   share answered from the fast path's memory, and entry written to visible on the blog page
 *   and in updates.json (docs/benchmarks/live-blogs.md).
 *
 *   npm run bench:live      (add -- --reuse to skip the build when the build folder exists,
 *                            -- --only blog or -- --only publishing for one part)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitUntilUp } from '../__tests__/e2e/setup/server';
import { copyContentFolder, saveAtomically } from '../__tests__/e2e/helpers/live-site';
import { storyText } from '../__tests__/e2e/helpers/stores';
import { request } from '../__tests__/helpers/http';
import { build, ensureWrk, machine, percentile, residentMb, root, startServer, wrk, type WrkResult } from './bench-lib';
import { benchLiveBlog, liveBlogReport, writeBenchBlog } from './bench-live-blog';

const distDir = process.env.NEXT_DIST_DIR ?? '.next-bench';
const CHANGES = 20;
const FLOOD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LIVE_BLOG_SECONDS = Number(process.env.BENCH_LIVE_BLOG_SECONDS ?? 120);
/** `--only blog` or `--only publishing`: one part of the benchmark; both by default. */
const only = process.argv[process.argv.indexOf('--only') + 1];
const runs = (part: 'blog' | 'publishing') => !process.argv.includes('--only') || only === part;

async function shows(url: string, text: string): Promise<boolean> {
  const reply = await request(url);
  return reply.status === 200 && reply.body.includes(text);
}

/** Milliseconds from the save until every URL shows `text`. */
async function timeUntilLive(file: string, content: string, urls: () => string[], text: string): Promise<number> {
  const started = performance.now();
  saveAtomically(file, content);
  const pending = new Set(urls());
  while (pending.size) {
    for (const url of [...pending]) if (await shows(url, text)) pending.delete(url);
    if (performance.now() - started > 30_000) throw new Error(`${text} not live after 30 s`);
    if (pending.size) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

/** A wrk script that asks for a different, non-existent article on every request. */
function floodScript(): string {
  const file = path.join(os.tmpdir(), `newsbite-flood-${process.pid}.lua`);
  fs.writeFileSync(
    file,
    `local counter = 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  counter = counter + 1
  return wrk.format("GET", "/world/no-such-story-" .. counter .. "-" .. math.random(1000000000))
end
`,
  );
  return file;
}

/** Answers every request with one recorded 404: what a server that knows the URL cannot exist could do at best. */
async function startBare404(body: Buffer, rawHeaders: string[]) {
  const file = path.join(os.tmpdir(), `newsbite-bare-404-${process.pid}.json`);
  const drop = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const headers = rawHeaders.filter((_, i) => !drop.has(rawHeaders[i - (i % 2)].toLowerCase()));
  fs.writeFileSync(file, JSON.stringify({ body: body.toString('base64'), headers }));
  const port = await freePort();
  const script = `const r = JSON.parse(require('fs').readFileSync(process.env.BARE, 'utf8')); const body = Buffer.from(r.body, 'base64');
require('http').createServer((req, res) => { res.writeHead(404, r.headers); res.end(body); }).listen(Number(process.env.PORT), '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, PORT: String(port), BARE: file }, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, child, () => '(its output went to this terminal)');
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { url, stop: () => (child.kill('SIGTERM'), fs.rmSync(file, { force: true })) };
}

const row = (label: string, r: WrkResult, bare: WrkResult) =>
  `| ${label} | ${Math.round(r.requestsPerSecond).toLocaleString('en')} | ${((100 * r.requestsPerSecond) / bare.requestsPerSecond).toFixed(1)} % | ${r.p50Ms.toFixed(2)} ms | ${r.p99Ms.toFixed(2)} ms | ${r.errors} |`;

/** Readers polling a live blog on a fresh server, figures printed and written to docs/benchmarks/live-blogs.md. */
async function liveBlogPart(site: { url: string }, contentDir: string) {
  console.log(`live blog: 1,000 readers polling for ${LIVE_BLOG_SECONDS} s...`);
  const report = [machine(), '', liveBlogReport(await benchLiveBlog(site.url, contentDir, LIVE_BLOG_SECONDS))].join('\n');
  console.log(`\n${report}`);
  if (process.argv.includes('--write')) {
    const out = path.join(root, 'docs', 'benchmarks', 'live-blogs.md');
    fs.writeFileSync(out, `# Live blog benchmark\n\nMeasured by \`npm run bench:live\` (scripts/bench-live.ts, scripts/bench-live-blog.ts).\n\n${report}\n`);
    console.log(`written to ${path.relative(root, out)}`);
  }
}

async function main() {
  ensureWrk();
  if (!process.argv.includes('--reuse') || !fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) build(distDir);
  const contentDir = copyContentFolder();
  if (runs('blog')) writeBenchBlog(contentDir);
  // Every server started here, stopped (last first) however the run ends.
  const running: { stop: () => void }[] = [];
  try {
    const site = await startServer(distDir, 'production', { CONTENT_DIR: contentDir });
    running.push(site);
    if (runs('blog')) await liveBlogPart(site, contentDir);
    if (!runs('publishing')) return;
    const nextStart = await startServer(distDir, 'next-start', { CONTENT_DIR: contentDir });
    running.push(nextStart);
    // Publish-to-live: odd changes publish a new story, even ones edit the one before.
    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const slug = `bench-live-${Math.floor(i / 2)}`;
      const headline = `Benchmark headline ${i} ${Date.now()}`;
      const file = path.join(contentDir, 'articles', `${slug}.md`);
      latencies.push(await timeUntilLive(file, storyText(slug, { headline, tags: ['Benchmark'] }), () => [`${site.url}/`, `${site.url}/science/${slug}`, `${site.url}/feed.xml`], headline));
    }

    // Unknown URLs: the 404 page as readers get it, replayed by a bare server for the baseline.
    const sample = await request(`${site.url}/world/no-such-story`);
    const bare = await startBare404(sample.body, sample.rawHeaders);
    running.push(bare);
    const script = floodScript();
    try {
      await request(`${site.url}/world/warm-up-unknown`);
      const before = residentMb(site.process.pid!);
      const bareResult = wrk(bare.url, { connections: 50, seconds: FLOOD_SECONDS, script });
      const ours = wrk(site.url, { connections: 50, seconds: FLOOD_SECONDS, script });
      const afterFirst = residentMb(site.process.pid!);
      const oursAgain = wrk(site.url, { connections: 50, seconds: FLOOD_SECONDS, script });
      const after = residentMb(site.process.pid!);
      const next = wrk(nextStart.url, { connections: 50, seconds: Math.min(FLOOD_SECONDS, 5), script });
      const distinct = Math.round((ours.requestsPerSecond + oursAgain.requestsPerSecond) * FLOOD_SECONDS);
      const table = [
        machine(),
        '',
        '## Publish to live',
        '',
        `${CHANGES} changes (${CHANGES / 2} new stories, ${CHANGES / 2} headline edits), each saved as a temporary file and renamed into`,
        'the content folder; time from the rename until the home page, the article and /feed.xml all show the new',
        'headline (polled every 10 ms over loopback). The server notices through fs.watch (50 ms settle time),',
        're-reads and validates the whole folder, and the fast path drops every document of the previous version.',
        '',
        '| changes | p50 | p95 | max |',
        '| ---: | ---: | ---: | ---: |',
        `| ${CHANGES} | ${percentile(latencies, 50).toFixed(0)} ms | ${percentile(latencies, 95).toFixed(0)} ms | ${Math.max(...latencies).toFixed(0)} ms |`,
        '',
        '## Unknown URLs',
        '',
        `wrk, 2 threads, 50 connections, ${FLOOD_SECONDS} s, every request a different non-existent article URL`,
        `(/world/no-such-story-<counter>-<random>). The bare server sends the same 404 bytes for any URL.`,
        '',
        '| server | req/s | of bare | p50 | p99 | socket errors |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        row('bare node:http, same 404 bytes', bareResult, bareResult),
        row('production server (`npm start`), first run', ours, bareResult),
        row('production server, second run', oursAgain, bareResult),
        row('plain `next start` (renders each 404)', next, bareResult),
        '',
        `Production server resident memory: ${before.toFixed(0)} MB before, ${afterFirst.toFixed(0)} MB after the first run, ` +
          `${after.toFixed(0)} MB after the second (about ${distinct.toLocaleString('en')} distinct unknown URLs in all).`,
      ].join('\n');
      console.log(`\n${table}`);
      if (process.argv.includes('--write')) {
        const out = path.join(root, 'docs', 'benchmarks', 'live-publishing.md');
        fs.writeFileSync(out, `# Live publishing benchmark\n\nMeasured by \`npm run bench:live\` (scripts/bench-live.ts).\n\n${table}\n`);
        console.log(`written to ${path.relative(root, out)}`);
      }
    } finally {
      fs.rmSync(script, { force: true });
    }
  } finally {
    for (const server of running.reverse()) server.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
