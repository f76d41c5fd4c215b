/**
 * Build benchmark (not a test): for generated sites of 20, 1,000 and 10,000 articles, builds
 * with `npm run build` while sampling the memory of the whole build process tree (content is
 * read at run time, so the build should not grow with the archive), then starts the production
 * server on that content and times its start (the content is loaded and indexed there), the
 * first render of an article and the home page, the same article again (from the fast path),
 * and checks metadata is in <head> for three user agents.
 *
 *   npm run bench:build     (BENCH_ARTICLES=20,1000 for other sizes)
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../lib/content/catalogue';
import { machine, residentMb, root, startServer } from './bench-lib';
import { writeSyntheticSite } from './synthetic-site';

const COUNTS = (process.env.BENCH_ARTICLES ?? '20,1000,10000').split(',').map(Number);
const distDir = process.env.NEXT_DIST_DIR ?? '.next-bench';

/** Sum of the resident memory of a process group, in MB. */
function groupResidentMb(pgid: number): number {
  try {
    const out = execSync(`ps -o rss= -g ${pgid}`, { encoding: 'utf8' });
    return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
  } catch {
    return 0;
  }
}

function timedBuild(env: NodeJS.ProcessEnv): Promise<{ seconds: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('npm', ['run', 'build'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    let peakMb = 0;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, groupResidentMb(child.pid!))), 250);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0) reject(new Error(`build failed with ${code}`));
      else resolve({ seconds: (Date.now() - started) / 1000, peakMb });
    });
  });
}

async function timedGet(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const html = await response.text();
  return { ms: performance.now() - started, status: response.status, html };
}

/** Title and canonical inside <head>, as unfurlers and search engines need them. */
function metadataInHead(html: string, path: string): boolean {
  const head = html.slice(0, html.indexOf('</head>'));
  return head.includes('<title>') && head.includes(`rel="canonical" href="https://newsbite.example${path}"`);
}

async function measureSite(count: number): Promise<string> {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-site-'));
  writeSyntheticSite(count, contentDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: distDir,
    CONTENT_DIR: contentDir,
    SITE_URL: 'https://newsbite.example',
  };
  try {
    const { seconds, peakMb } = await timedBuild(env);
    const articles = loadContent({ contentDir, photosDir: path.join(contentDir, 'photos') }).articles;
    const starting = performance.now();
    const server = await startServer(distDir, 'production', { CONTENT_DIR: contentDir, SITE_URL: 'https://newsbite.example' });
    const startMs = performance.now() - starting;
    try {
      const home = await timedGet(`${server.url}/`);
      const sample = [articles[0], articles[Math.floor(articles.length / 2)], articles[articles.length - 1]];
      const first = [];
      for (const article of sample) first.push(await timedGet(`${server.url}${article.path}`));
      const again = await timedGet(`${server.url}${sample[1].path}`);
      const unknown = await timedGet(`${server.url}/${articles[0].section}/no-such-story`);
      const bots = ['curl/8', 'Mozilla/5.0 (compatible; Googlebot/2.1)', 'facebookexternalhit/1.1'];
      const headChecks = await Promise.all(
        bots.map(async (ua) => metadataInHead((await timedGet(`${server.url}${sample[2].path}`, { 'user-agent': ua })).html, sample[2].path)),
      );
      const rss = residentMb(server.process.pid!);
      return (
        `| ${count.toLocaleString('en')} | ${seconds.toFixed(0)} s | ${peakMb.toFixed(0)} MB | ${(startMs / 1000).toFixed(1)} s | ${rss.toFixed(0)} MB | ` +
        `${home.ms.toFixed(0)} ms | ${first.map((r) => r.ms.toFixed(0)).join(', ')} ms (${first.every((r) => r.status === 200) ? 'all 200' : 'NOT 200'}) | ` +
        `${again.ms.toFixed(1)} ms | ${unknown.status} | ${headChecks.every(Boolean) ? 'yes' : 'NO'} |`
      );
    } finally {
      server.stop();
    }
  } finally {
    fs.rmSync(contentDir, { recursive: true, force: true });
  }
}

async function main() {
  const rows: string[] = [];
  for (const count of COUNTS) rows.push(await measureSite(count));
  const table = [
    machine(),
    '',
    'Nothing of the content is prerendered: every route renders from the live content version on its first',
    'request and is then served from the fast path until the content changes. Build time is wall clock for',
    '`npm run build`; peak memory is the largest sum of resident memory over the whole build process tree,',
    'sampled every 250 ms. Server start is from spawning `npm start` until it answers (it reads, validates and',
    'indexes the content folder first); resident memory is the server\'s after the requests below. Request times',
    'are measured from the benchmark process over loopback, whole response read; a first render includes',
    'capturing and precompressing the document for the fast path, and the first article also builds the',
    'related-stories index for the whole archive.',
    '',
    '| articles | build time | peak build memory | server start | server memory | home, first render | 3 articles, first render (newest, middle, oldest) | same article again | unknown slug | metadata in `<head>` (curl, Googlebot, facebookexternalhit) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
  console.log(`\n${table}`);
  if (process.argv.includes('--write')) {
    const file = path.join(root, 'docs', 'benchmarks', 'build.md');
    fs.writeFileSync(file, `# Build and cold-start benchmark\n\nMeasured by \`npm run bench:build\` (scripts/bench-build.ts).\n\n${table}\n`);
    console.log(`written to ${path.relative(root, file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
