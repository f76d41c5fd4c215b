/**
 * Benchmark (not a test): time and memory to load and relate generated sites of 1,000 and
 * 10,000 articles, against an all-pairs O(n²) ranking measured in the same run as the baseline.
 *
 *   npm run bench:related
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../lib/content/catalogue';
import { buildRelatedIndex, defaultRelatedOptions } from '../lib/content/related';
import type { Article } from '../lib/content/types';
import { writeSyntheticSite } from './synthetic-site';

/** The obvious implementation: score every pair by shared tags only. The baseline to beat. */
function allPairsBaseline(articles: Article[]): number {
  let checksum = 0;
  for (const a of articles) {
    const scores = articles
      .filter((b) => b !== a)
      .map((b) => ({ b, score: b.tags.filter((t) => a.tags.some((u) => u.slug === t.slug)).length }))
      .sort((x, y) => y.score - x.score)
      .slice(0, defaultRelatedOptions.max);
    checksum += scores.length;
  }
  return checksum;
}

function measure<T>(run: () => T): { ms: number; heapMb: number; result: T } {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const result = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  return { ms, heapMb, result };
}

const rows: string[] = [];
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-bench-'));
for (const count of [1_000, 10_000]) {
  const dir = path.join(temp, String(count));
  writeSyntheticSite(count, dir);
  const load = measure(() => loadContent({ contentDir: dir, photosDir: path.join(dir, 'photos') }));
  const articles = load.result.articles;
  const related = measure(() => buildRelatedIndex(articles));
  const baseline = measure(() => allPairsBaseline(articles));
  const rss = process.memoryUsage().rss / 2 ** 20;
  rows.push(
    `| ${count.toLocaleString('en')} | ${load.ms.toFixed(0)} | ${related.ms.toFixed(0)} | ${related.heapMb.toFixed(0)} | ${rss.toFixed(0)} | ` +
      `${baseline.ms.toFixed(0)} ms (related index ${(baseline.ms / related.ms).toFixed(1)}x faster)` +
      ' |',
  );
  console.log(rows.at(-1));
}
fs.rmSync(temp, { recursive: true, force: true });

const table = [
  `Measured ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0].model}), Node ${process.version}.`,
  '',
  '| articles | load + validate (ms) | related index (ms) | index heap (MB) | process RSS (MB) | all-pairs baseline, same run |',
  '| ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows,
].join('\n');
console.log(`\n${table}`);
if (process.argv.includes('--write')) {
  const file = path.join(process.cwd(), 'docs', 'benchmarks', 'related-index.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `# Related-stories index benchmark\n\nTarget: 10,000 articles in under 2 s and 500 MB.\n\n${table}\n`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}
