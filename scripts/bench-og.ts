/**
 * Share-card benchmark (not a test). Over HTTP against `next start`: the first card after the
 * server starts, warm p50/p95 of prerendered cards, bytes per card; baseline in the same run: a
 * photo of about the same size served from public/. In process: the cost of drawing a card
 * (what an article beyond the prerendered ones pays once), against a text-only ImageResponse.
 *
 *   npm run bench:og     (builds into $NEXT_DIST_DIR or .next-bench-og first if needed)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { getContent } from '../lib/content/repository';
import { photoPath } from '../lib/paths';
import { build, machine, percentileOfSorted, root, startServer } from './bench-lib';

const distDir = process.env.NEXT_DIST_DIR ?? '.next-bench-og';
const WARM_REQUESTS = 400;
const RENDERS = 40;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentileOfSorted(sorted, 50), p95: percentileOfSorted(sorted, 95) };
}

async function timedGet(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, bytes, status: response.status };
}

/** Warm latency: every URL once to warm up, then WARM_REQUESTS sequential requests in turn. */
async function warmLatency(urls: string[]) {
  for (const url of urls) await timedGet(url);
  const samples: number[] = [];
  for (let i = 0; i < WARM_REQUESTS; i++) {
    const { ms, status } = await timedGet(urls[i % urls.length]);
    if (status !== 200) throw new Error(`${urls[i % urls.length]} answered ${status}`);
    samples.push(ms);
  }
  return summary(samples);
}

async function timedRenders(render: () => Promise<Response>) {
  const first = performance.now();
  await (await render()).arrayBuffer();
  const firstMs = performance.now() - first;
  const samples: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    const started = performance.now();
    await (await render()).arrayBuffer();
    samples.push(performance.now() - started);
  }
  return { firstMs, ...summary(samples) };
}

async function main() {
  const content = getContent();
  const cardPaths = [
    '/opengraph-image',
    ...content.sections.map((s) => `/${s.slug}/opengraph-image`),
    ...content.articles.map((a) => `${a.path}/opengraph-image`),
    ...content.articles.flatMap((a) => a.gallery.map((_, i) => `${photoPath(a, i + 1)}/opengraph-image`)),
  ];
  const articleCards = content.articles.map((a) => `${a.path}/opengraph-image`);

  if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) build(distDir);
  const server = await startServer(distDir, 'next-start');
  try {
    const first = await timedGet(`${server.url}${articleCards[0]}`);

    const sizes = [];
    for (const cardPath of cardPaths) sizes.push((await timedGet(`${server.url}${cardPath}`)).bytes);
    sizes.sort((a, b) => a - b);
    const articleSizes = [];
    for (const cardPath of articleCards) articleSizes.push((await timedGet(`${server.url}${cardPath}`)).bytes);
    const medianArticleBytes = percentileOfSorted([...articleSizes].sort((a, b) => a - b), 50);

    // Baseline: the public photo closest in size to the median article card, served by the same server.
    const photosDir = path.join(root, 'public', 'photos');
    const baselinePhoto = fs
      .readdirSync(photosDir)
      .filter((file) => file.endsWith('.jpg'))
      .map((file) => ({ file, bytes: fs.statSync(path.join(photosDir, file)).size }))
      .sort((a, b) => Math.abs(a.bytes - medianArticleBytes) - Math.abs(b.bytes - medianArticleBytes))[0];

    const cards = await warmLatency(articleCards.map((p) => `${server.url}${p}`));
    const staticFile = await warmLatency([`${server.url}/photos/${baselinePhoto.file}`]);

    // In process: drawing a card (fonts and wasm are loaded by the first one).
    const { cardResponse } = await import('../lib/og/cards');
    const { ImageResponse } = await import('next/og');
    const article = content.articles[0];
    const drawArticle = await timedRenders(() =>
      cardResponse({ kind: 'article', section: content.section(article.section)!.name, headline: article.headline, photo: article.hero }),
    );
    const drawTextOnly = await timedRenders(async () => new ImageResponse(createElement('div', { style: { display: 'flex', fontSize: 64 } }, article.headline)));

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const table = [
      machine(),
      '',
      '## Over HTTP (`next start`, prerendered cards)',
      '',
      '| measure | share cards | baseline: static JPEG from public/, same run |',
      '| --- | ---: | ---: |',
      `| first card after start | ${ms(first.ms)} | |`,
      `| warm p50 (${WARM_REQUESTS} sequential requests) | ${ms(cards.p50)} | ${ms(staticFile.p50)} |`,
      `| warm p95 | ${ms(cards.p95)} | ${ms(staticFile.p95)} |`,
      `| bytes | median article card ${kb(medianArticleBytes)} | ${baselinePhoto.file}: ${kb(baselinePhoto.bytes)} |`,
      '',
      `Bytes per card over all ${cardPaths.length} cards (site, sections, articles, gallery photos): ` +
        `min ${kb(sizes[0])}, median ${kb(percentileOfSorted(sizes, 50))}, max ${kb(sizes.at(-1)!)} (limit 300 KB).`,
      '',
      '## Drawing a card in process (an article beyond the prerendered ones pays this once)',
      '',
      `| measure | article card (photo, JPEG) | baseline: text-only ImageResponse PNG |`,
      '| --- | ---: | ---: |',
      `| first render in the process (the article card, drawn first, loads fonts and wasm) | ${ms(drawArticle.firstMs)} | ${ms(drawTextOnly.firstMs)} |`,
      `| warm p50 (${RENDERS} renders) | ${ms(drawArticle.p50)} | ${ms(drawTextOnly.p50)} |`,
      `| warm p95 | ${ms(drawArticle.p95)} | ${ms(drawTextOnly.p95)} |`,
    ].join('\n');
    console.log(table);
    if (process.argv.includes('--write')) {
      const file = path.join(root, 'docs', 'benchmarks', 'og-cards.md');
      fs.writeFileSync(
        file,
        '# Share-card benchmark\n\nTarget: p50 <= 30 ms warm. `npm run bench:og` (scripts/bench-og.ts) writes this file.\n\n' +
          'Cards are prerendered at build, so a shared link meets the HTTP figures. The in-process figures are what a card ' +
          'drawn on demand (an article beyond the prerendered ones) costs once, before Next caches it; most of it is ' +
          'resizing the photo and the PNG step inside ImageResponse.\n\n' +
          `${table}\n`,
      );
      console.log(`written to ${path.relative(root, file)}`);
    }
  } finally {
    server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
