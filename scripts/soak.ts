/**
 * Soak (a script, not a test): 60 s at 64 concurrent connections over a mix of pages, photo
 * pages, OG cards, feeds, sitemaps, images and 404s against the production server. Reports
 * errors, 5xx and the server's resident memory after warm-up and at the end.
 *
 *   npm run soak [-- --seconds 60 --connections 64]
 *
 * Builds into $NEXT_DIST_DIR (default .next-quality; E2E_REUSE_BUILD=1 reuses the build).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getContent } from '../lib/content/repository';
import { photoPath, tagPath } from '../lib/paths';
import { feedPath } from '../lib/seo/discovery';
import { SITEMAP_PATHS } from '../lib/seo/sitemaps';
import { residentMb } from './bench-lib';
import { withProductionSite } from './production-site';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const seconds = flag('seconds', 60);
const connections = flag('connections', 64);

/** Card URLs as the pages advertise them, moved from the public origin to the test server. */
async function cardPaths(baseUrl: string, pages: string[]): Promise<string[]> {
  const cards = await Promise.all(
    pages.map(async (page) => {
      const html = await (await fetch(baseUrl + page)).text();
      const url = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
      return url ? new URL(url).pathname + new URL(url).search : undefined;
    }),
  );
  return cards.filter((card): card is string => !!card);
}

async function requestMix(baseUrl: string): Promise<{ path: string; expect: number }[]> {
  const content = getContent();
  const articles = content.articles.map((a) => a.path);
  const photos = content.articles.flatMap((a) => a.gallery.map((_, i) => photoPath(a, i + 1)));
  const images = content.articles.flatMap((a) => (a.hero ? [a.hero] : [])).slice(0, 5).map((hero) => `/_next/image?url=${encodeURIComponent(hero.src)}&w=640&q=75`);
  const ok = (paths: string[]) => paths.map((p) => ({ path: p, expect: 200 }));
  return [
    ...ok(['/', ...content.sections.map((s) => `/${s.slug}`), ...content.tags.slice(0, 10).map((t) => tagPath(t.slug))]),
    ...ok(articles),
    ...ok(articles),
    ...ok(photos.slice(0, 10)),
    ...ok(await cardPaths(baseUrl, ['/', articles[0], articles[1], photos[0]])),
    ...ok([
      feedPath('/', 'rss'),
      feedPath('/', 'atom'),
      feedPath(`/${content.sections[0].slug}`, 'rss'),
      SITEMAP_PATHS.index,
      SITEMAP_PATHS.articles,
      '/robots.txt',
    ]),
    ...ok(images),
    ...['/no-such-page', '/world/no-such-story', tagPath('nothing'), '/author/nobody'].map((p) => ({ path: p, expect: 404 })),
  ];
}

interface LoadResult {
  requests: number;
  errors: number;
  serverErrors: number;
  unexpected: number;
  latencies: number[];
}

/** `connections` clients, each requesting the next URL of the mix as soon as it has an answer. */
async function runLoad(baseUrl: string, mix: { path: string; expect: number }[], durationMs: number): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, errors: 0, serverErrors: 0, unexpected: 0, latencies: [] };
  const deadline = Date.now() + durationMs;
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const { path: p, expect } = mix[next++ % mix.length];
        const started = performance.now();
        try {
          const response = await fetch(baseUrl + p, { headers: { 'accept-encoding': 'gzip, br' } });
          await response.arrayBuffer();
          if (response.status >= 500) result.serverErrors++;
          if (response.status !== expect) result.unexpected++;
        } catch {
          result.errors++;
        }
        result.latencies.push(performance.now() - started);
        result.requests++;
      }
    }),
  );
  return result;
}

async function soak(baseUrl: string, serverPid?: number) {
  const mix = await requestMix(baseUrl);
  // Warm-up under the same load, so caches, lazy modules and socket buffers are in place
  // before the memory baseline is taken.
  const warmUp = await runLoad(baseUrl, mix, Math.min(15, seconds / 4) * 1000);
  const rssAfterWarmUp = serverPid ? residentMb(serverPid) : undefined;
  const counts = await runLoad(baseUrl, mix, seconds * 1000);
  const latencies = counts.latencies;
  const rssAtEnd = serverPid ? residentMb(serverPid) : undefined;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))].toFixed(1);
  const growth = rssAfterWarmUp && rssAtEnd ? ((rssAtEnd / rssAfterWarmUp - 1) * 100).toFixed(1) : 'n/a';
  const table = [
    `Measured ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0].model}), Node ${process.version}: ${seconds} s at ${connections} connections over ${mix.length} URLs (pages, photo pages, cards, feeds, sitemaps, images, 404s).`,
    '',
    '| requests | req/s | p50 ms | p99 ms | network errors | 5xx | unexpected status | RSS after warm-up MB | RSS at end MB | growth |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${counts.requests} | ${(counts.requests / seconds).toFixed(0)} | ${at(0.5)} | ${at(0.99)} | ${counts.errors} | ${counts.serverErrors} | ${counts.unexpected} | ${rssAfterWarmUp?.toFixed(0) ?? 'n/a'} | ${rssAtEnd?.toFixed(0) ?? 'n/a'} | ${growth} % |`,
  ].join('\n');
  console.log(`warm-up: ${warmUp.requests} requests, ${warmUp.serverErrors} 5xx, ${warmUp.errors} errors`);
  console.log(table);
  if (process.argv.includes('--write')) {
    const file = path.join(process.cwd(), 'docs', 'benchmarks', 'soak.md');
    fs.writeFileSync(file, `# Soak test\n\nTargets: 0 errors, 0 5xx, resident memory growth under 20 %. The load generator runs on the same 2 cores as the server.\n\n${table}\n`);
    console.log(`written to ${path.relative(process.cwd(), file)}`);
  }
}

void withProductionSite(soak);
