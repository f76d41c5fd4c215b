/**
 * Benchmark (not a test): the embedded search engine (MiniSearch, lib/search) over generated
 * sites of 1,000, 10,000 and 100,000 articles: indexing time, index memory, query latency over
 * a mix of queries like readers' (one to three words, typos, phrases, exclusions, filters,
 * newest first), and the time to bring the index up to date after one story changes.
 *
 *   node --expose-gc --max-old-space-size=8192 --import tsx scripts/bench-search.ts --write
 *   ... --sizes 1000,10000 --queries 300     # fewer sizes or queries; --write writes docs/benchmarks/search.md
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Article } from '../lib/content/types';
import type { SearchRequest } from '../lib/search/engine';
import { MiniSearchEngine } from '../lib/search/minisearch-engine';
import { parseQuery } from '../lib/search/query';
import { countWords, readingMinutes, slugify } from '../lib/text';
import { machine, root } from './bench-lib';
import { syntheticStories, type SyntheticStory } from './synthetic-site';

const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const SIZES = (flag('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const QUERIES = Number(flag('--queries') ?? 500);
const WARM_UP = 50;
const TARGET_P95_MS = 30;
const OUTPUT = path.join(root, 'docs', 'benchmarks', 'search.md');

/** A generated story as the content layer would hand it over (photo sizes do not matter here). */
function toArticle({ slug, frontMatter, body }: SyntheticStory): Article {
  const wordCount = countWords(body);
  return {
    status: 'published',
    slug,
    section: frontMatter.section,
    path: `/${frontMatter.section}/${slug}`,
    headline: frontMatter.headline,
    standfirst: frontMatter.standfirst,
    authors: frontMatter.authors,
    published: frontMatter.published,
    publishedTime: Date.parse(frontMatter.published),
    tags: frontMatter.tags.map((name) => ({ slug: slugify(name), name })),
    hero: { ...frontMatter.hero, width: 1600, height: 900, bytes: 0 },
    gallery: [],
    related: [],
    corrections: [],
    aliases: [],
    // Generated stories never change: the slug is revision enough.
    revision: slug,
    body,
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    sourceFile: `articles/${slug}.md`,
  };
}

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One letter changed, as a reader's typo: a word no story uses, so typo tolerance does the work. */
function typo(word: string, next: () => number): string {
  const at = 1 + Math.floor(next() * (word.length - 2));
  return `${word.slice(0, at)}${word[at] === 'x' ? 'q' : 'x'}${word.slice(at + 1)}`;
}

/**
 * Queries as readers write them: words from a story's headline (readers search for what they
 * saw), so common words come up as often as they do in the text.
 */
function queryMix(articles: Article[], count: number, seed = 7): { kind: string; request: Omit<SearchRequest, 'now'> }[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const sections = [...new Set(articles.map((a) => a.section))];
  return Array.from({ length: count }, () => {
    const article = pick(articles);
    const words = article.headline.replace(/\.$/, '').toLowerCase().split(' ');
    const at = Math.floor(next() * Math.max(1, words.length - 2));
    const roll = next();
    let kind: string;
    let q: string;
    if (roll < 0.35) [kind, q] = ['one word', words[at]];
    else if (roll < 0.6) [kind, q] = ['two words', words.slice(at, at + 2).join(' ')];
    else if (roll < 0.7) [kind, q] = ['three words', words.slice(at, at + 3).join(' ')];
    else if (roll < 0.8) [kind, q] = ['typo', typo(words.find((w) => w.length >= 6) ?? words[at], next)];
    else if (roll < 0.9) [kind, q] = ['phrase', `"${words.slice(at, at + 2).join(' ')}"`];
    else [kind, q] = ['exclusion', `${words[at]} -${pick(words)}`];
    const filtered = next() < 0.15;
    const newest = next() < 0.15;
    return {
      kind,
      request: {
        query: parseQuery(q),
        filters: filtered ? { section: pick(sections) } : {},
        sort: newest ? 'newest' : 'relevance',
        page: next() < 0.1 ? 2 : 1,
        pageSize: 10,
      },
    };
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mb = (bytes: number) => bytes / 2 ** 20;

function settledMemory() {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage();
}

interface Row {
  size: number;
  indexMs: number;
  heapMb: number;
  rssMb: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time of this process per query: what a query costs whatever else the machine runs. */
  cpuP50: number;
  cpuP95: number;
  byKind: Record<string, number>;
  syncMs: number;
}

async function measure(size: number): Promise<Row> {
  const articles = Array.from(syntheticStories(size), toArticle);
  const before = settledMemory();
  const started = performance.now();
  const engine = MiniSearchEngine.of(articles);
  const indexMs = performance.now() - started;
  const after = settledMemory();

  const now = Date.parse('2026-11-26T00:00:00Z');
  const mix = queryMix(articles, WARM_UP + QUERIES);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const byKind = new Map<string, number[]>();
  for (const [i, { kind, request }] of mix.entries()) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await engine.search({ ...request, now });
    const ms = performance.now() - start;
    const { user, system } = process.cpuUsage(cpu);
    if (i < WARM_UP) continue;
    times.push(ms);
    cpuTimes.push((user + system) / 1000);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);

  // One story edited: what the next search after a content change pays.
  const edited = [...articles];
  edited[0] = { ...edited[0], headline: `${edited[0].headline} Updated` };
  const syncStart = performance.now();
  engine.sync(edited);
  const syncMs = performance.now() - syncStart;

  return {
    size,
    indexMs,
    heapMb: mb(after.heapUsed - before.heapUsed),
    rssMb: mb(after.rss - before.rss),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1],
    cpuP50: percentile(cpuTimes, 50),
    cpuP95: percentile(cpuTimes, 95),
    byKind: Object.fromEntries([...byKind].map(([kind, list]) => [kind, percentile(list.sort((a, b) => a - b), 95)])),
    syncMs,
  };
}

const rows: Row[] = [];
for (const size of SIZES) {
  const row = await measure(size);
  rows.push(row);
  console.log(
    `${size}: index ${(row.indexMs / 1000).toFixed(1)} s, heap +${row.heapMb.toFixed(0)} MB, RSS +${row.rssMb.toFixed(0)} MB, ` +
      `p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms (CPU ${row.cpuP95.toFixed(1)} ms), sync ${row.syncMs.toFixed(0)} ms`,
  );
}

const kinds = Object.keys(rows[0].byKind).sort();
const fixed = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const table = [
  '| articles | indexing | index heap | RSS growth | p50 | p95 | p99 | max | CPU p50 | CPU p95 | sync after one edit |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.size.toLocaleString('en')} | ${(r.indexMs / 1000).toFixed(1)} s | ${r.heapMb.toFixed(0)} MB | ${r.rssMb.toFixed(0)} MB | ` +
      `${fixed(r.p50)} ms | ${fixed(r.p95)} ms | ${fixed(r.p99)} ms | ${fixed(r.max)} ms | ${fixed(r.cpuP50)} ms | ${fixed(r.cpuP95)} ms | ${r.syncMs.toFixed(0)} ms |`,
  ),
].join('\n');
const kindTable = [
  `| articles | ${kinds.join(' | ')} |`,
  `| ---: | ${kinds.map(() => '---:').join(' | ')} |`,
  ...rows.map((r) => `| ${r.size.toLocaleString('en')} | ${kinds.map((k) => `${fixed(r.byKind[k])} ms`).join(' | ')} |`),
].join('\n');
const tenThousand = rows.find((r) => r.size === 10_000);
const verdict = tenThousand
  ? `Target: p95 <= ${TARGET_P95_MS} ms at 10,000 articles: ${tenThousand.p95 <= TARGET_P95_MS ? 'met' : 'missed'} (${fixed(tenThousand.p95)} ms; ` +
    `${fixed(tenThousand.cpuP95)} ms of CPU).`
  : '';

console.log(`\n${table}\n\n${kindTable}\n${verdict}`);
if (process.argv.includes('--write')) {
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(
    OUTPUT,
    `# Search benchmark

The embedded engine (MiniSearch, \`lib/search/\`) over generated sites (\`scripts/synthetic-site.ts\`: made-up
words drawn Zipf-style from a 20,000-word vocabulary, 8-17-word headlines, two-sentence standfirsts,
about 350-word bodies, 2-5 of 300 topics). Regenerate with \`npm run bench:search\`.

${machine()}

${QUERIES} queries per size after ${WARM_UP} unmeasured ones, in one process, one at a time, each answering a full
results page (count, ten hits, snippets). Words come from a random story's headline: 35 % one word, 25 % two,
10 % three, 10 % a typo in a word of six letters or more (answered for the closest spelling the stories use, or
by typo tolerance), 10 % a quoted phrase, 10 % a word with an exclusion; 15 % also filter by section, 15 % sort newest
first, 10 % ask for page 2. Index heap and RSS growth are measured after garbage collection, before and after
indexing (the articles themselves excluded). Latencies are wall-clock; "CPU" is the CPU time this
process spent on the query (GC threads included), which other work on the machine does not inflate.
"Sync after one edit" is what the first search after a content
change pays: every article's revision is compared (hashed here until the content layer supplies \`revision\`)
and only the edited story is indexed again.

${verdict}

${table}

p95 by kind of query:

${kindTable}

100,000 articles is past what an in-process JavaScript index is for (docs/search.md): it works, but the
index takes the memory above in every server process and the slowest queries (a word nearly every story has) take hundreds of milliseconds. A site that size should use the PostgreSQL engine
(issue 13's scale-out deployment), which is not built yet and so has no figures here.
`,
  );
  console.log(`written to ${path.relative(root, OUTPUT)}`);
}
