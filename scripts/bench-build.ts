/**
 * Build benchmark (not a test): generates a site of 1,000 articles in a temporary content folder,
 * builds it with `npm run build` while sampling the memory of the whole build process tree, then
 * times the first request for an article that was not prerendered (rendered on demand, then
 * cached) and checks its metadata is in <head>.
 *
 *   npm run bench:build     (BENCH_ARTICLES=2000 for another size)
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../lib/content/load';
import { PRERENDERED_ARTICLES } from '../lib/article-view';
import { machine, root, startServer } from './bench-lib';
import { writeSyntheticSite } from './synthetic-site';

const COUNT = Number(process.env.BENCH_ARTICLES ?? 1_000);
const distDir = `${process.env.NEXT_DIST_DIR ?? '.next-bench'}-${COUNT}`;

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
  return { ms: performance.now() - started, status: response.status, html, cache: response.headers.get('x-nextjs-cache') };
}

/** Title and canonical inside <head>, as unfurlers and search engines need them. */
function metadataInHead(html: string, path: string): boolean {
  const head = html.slice(0, html.indexOf('</head>'));
  return head.includes('<title>') && head.includes(`rel="canonical" href="https://newsbite.example${path}"`);
}

async function main() {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-site-'));
  writeSyntheticSite(COUNT, contentDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: distDir,
    CONTENT_DIR: contentDir,
    SITE_URL: 'https://newsbite.example',
  };
  const { seconds, peakMb } = await timedBuild(env);
  const prerendered = Object.keys(JSON.parse(fs.readFileSync(path.join(root, distDir, 'prerender-manifest.json'), 'utf8')).routes).length;

  const articles = loadContent({ contentDir, publicDir: path.join(root, 'public') }).articles;
  const server = await startServer(distDir, 'production', { CONTENT_DIR: contentDir, SITE_URL: 'https://newsbite.example' });
  const rows: string[] = [];
  try {
    const onDemand = articles.slice(PRERENDERED_ARTICLES, PRERENDERED_ARTICLES + 5);
    const first = [];
    for (const article of onDemand) first.push(await timedGet(`${server.url}${article.path}`));
    const again = await timedGet(`${server.url}${onDemand[0].path}`);
    const prerenderedArticle = await timedGet(`${server.url}${articles[0].path}`);
    const unknown = await timedGet(`${server.url}/${articles[0].section}/no-such-story`);
    const bots = ['curl/8', 'Mozilla/5.0 (compatible; Googlebot/2.1)', 'facebookexternalhit/1.1'];
    const headChecks = await Promise.all(
      bots.map(async (ua) => metadataInHead((await timedGet(`${server.url}${onDemand[1].path}`, { 'user-agent': ua })).html, onDemand[1].path)),
    );
    const median = [...first.map((r) => r.ms)].sort((a, b) => a - b)[2];
    rows.push(
      `| ${COUNT.toLocaleString('en')} | ${prerendered} | ${seconds.toFixed(0)} s | ${peakMb.toFixed(0)} MB | ` +
        `${median.toFixed(0)} ms (5 articles: ${first.map((r) => r.ms.toFixed(0)).join(', ')}; all ${first.every((r) => r.status === 200) ? '200' : 'NOT 200'}) | ` +
        `${again.ms.toFixed(1)} ms (${again.cache}) | ${prerenderedArticle.ms.toFixed(1)} ms | ${unknown.status} | ${headChecks.every(Boolean) ? 'yes' : 'NO'} |`,
    );
  } finally {
    server.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  }
  const table = [
    machine(),
    '',
    `Articles beyond the newest ${PRERENDERED_ARTICLES} (PRERENDERED_ARTICLES in lib/article-view.ts) are not prerendered.`,
    'Build time is wall clock for `npm run build`; peak memory is the largest sum of resident memory',
    'over the whole build process tree, sampled every 250 ms. Request times are measured from the',
    'benchmark process over loopback against the production server, whole response read. The first',
    'on-demand render also loads and indexes the whole content folder in the server process (cold start);',
    'the first request for a prerendered article includes capturing and precompressing it for the fast path.',
    '',
    '| articles | prerendered pages | build time | peak build memory | first render, not prerendered (median) | same article again | a prerendered article | unknown slug | metadata in `<head>` (curl, Googlebot, facebookexternalhit) |',
    '| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
  console.log(`\n${table}`);
  if (process.argv.includes('--write')) {
    const file = path.join(root, 'docs', 'benchmarks', 'build.md');
    fs.writeFileSync(file, `# Large-site build benchmark\n\nMeasured by \`npm run bench:build\` (scripts/bench-build.ts).\n\n${table}\n`);
    console.log(`written to ${path.relative(root, file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
