/**
 * Benchmark (not a test): both search engines over generated sites of 1,000, 10,000 and 100,000
 * articles: the embedded one (SQLite FTS5, in a file, queried in this process) and PostgreSQL
 * (a server started here on loopback, its data in a temporary folder, stopped at the end).
 * Indexing time, index size, memory, query latency over a mix of queries like readers' (one to
 * three words, typos, phrases, exclusions, filters, newest first), what one edited story costs
 * to index, and (embedded) what a restart with the index file in place costs.
 *
 * Each size of the embedded engine runs in a process of its own (this script with --child), so
 * that its resident memory is that size's alone.
 *
 *   node --expose-gc --import tsx scripts/bench-search.ts --write
 *   ... --sizes 1000,10000 --queries 300 --engines embedded   # fewer sizes, queries or engines
 *   ... --engines embedded --sizes 100000 --indexing both --write
 *
 * The embedded engine reads the stories as the folder default hands them over: files in a
 * generated content folder, each body read from its file when asked for. `--indexing` says
 * where they are analysed and written: `worker` (the index's worker thread, as servers do),
 * `inline` (on the serving thread, in 25 ms slices: the design before decision 35), or `both`.
 *
 * --write writes docs/benchmarks/search.md (only with both engines and every size); with
 * `--indexing both` and the embedded engine alone, only its section comparing the two.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BodyCache, bodyOfText } from '../lib/content/bodies';
import type { Article } from '../lib/content/types';
import { Pool } from 'pg';
import type { SearchEngine, SearchRequest } from '../lib/search/engine';
import { PostgresSearchEngine, SEARCH_CONNECTION_OPTIONS } from '../lib/search/postgres-engine';
import { indexForSearch } from '../lib/search/postgres-index';
import { parseQuery } from '../lib/search/query';
import { startIndexWorker } from '../lib/search/index-worker-start';
import { SqliteSearchEngine } from '../lib/search/sqlite-engine';
import { migrate } from '../lib/store/migrate';
import { countWords, readingMinutes, slugify } from '../lib/text';
import { machine, percentileOfSorted, residentMb, root } from './bench-lib';
import { ensurePackages, startPostgres, type Postgres } from './services';
import { random, syntheticStories, writeSyntheticSite, type SyntheticStory } from './synthetic-site';

const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const SIZES = (flag('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const QUERIES = Number(flag('--queries') ?? 500);
const ENGINES = (flag('--engines') ?? 'embedded,postgres').split(',') as EngineName[];
type EngineName = 'embedded' | 'postgres';
type Indexing = 'worker' | 'inline';
const INDEXING_FLAG = flag('--indexing') ?? 'worker';
const INDEXINGS: Indexing[] = INDEXING_FLAG === 'both' ? ['inline', 'worker'] : [INDEXING_FLAG as Indexing];
const WARM_UP = 50;
const TARGET_P95_MS = 30;
/** Issue 18: resident memory at 100,000 stories with search used. */
const MEMORY_LIMIT_MB = 800;
const MEMORY_GOAL_MB = 400;
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

const mb = (bytes: number) => bytes / 2 ** 20;

interface Row {
  engine: EngineName;
  size: number;
  /** Embedded: where stories were analysed and written. */
  indexing?: Indexing;
  /** Embedded: searches answered while the first build ran (one every 100 ms): p50, p95 and how many. */
  duringBuildP50?: number;
  duringBuildP95?: number;
  duringBuildCount?: number;
  indexMs: number;
  /** Embedded: the index file (and its write-ahead log). PostgreSQL: table, TOAST and indexes. */
  diskMb: number;
  /** PostgreSQL: the GIN index of documents alone. */
  ginMb?: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time of this process per query (embedded only: PostgreSQL works in its own processes). */
  cpuP50?: number;
  cpuP95?: number;
  byKind: Record<string, number>;
  /** What one edited story costs: the next search's sync (embedded), the publish transaction's index write (PostgreSQL). */
  editMs: number;
  /** Embedded, resident memory of the process: with the articles alone, after indexing and the queries, and its peak over those. */
  rssArticlesMb?: number;
  rssMb?: number;
  peakRssMb?: number;
  /** Embedded: JavaScript heap growth over the articles alone, after indexing and the queries. */
  heapMb?: number;
  /** Embedded: the longest turn of the event loop during indexing (what a page request could wait), and the 99th percentile. */
  pauseMs?: number;
  pauseP99Ms?: number;
  /** Embedded: a restart with the file in place, in a new process: opening it and comparing every story's revision. */
  restartMs?: number;
  /** Embedded: the first search after that restart. */
  firstSearchMs?: number;
  /** Embedded: what the restarted process holds for search after the query mix (RSS over the articles alone). */
  restartRssMb?: number;
}

const NOW = Date.parse('2026-11-26T00:00:00Z');

async function timeQueries(engine: SearchEngine, articles: Article[], measureCpu: boolean) {
  const mix = queryMix(articles, WARM_UP + QUERIES);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const byKind = new Map<string, number[]>();
  for (const [i, { kind, request }] of mix.entries()) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await engine.search({ ...request, now: NOW });
    const ms = performance.now() - start;
    const { user, system } = process.cpuUsage(cpu);
    if (i < WARM_UP) continue;
    times.push(ms);
    cpuTimes.push((user + system) / 1000);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    p50: percentileOfSorted(times, 50),
    p95: percentileOfSorted(times, 95),
    p99: percentileOfSorted(times, 99),
    max: times[times.length - 1],
    ...(measureCpu ? { cpuP50: percentileOfSorted(cpuTimes, 50), cpuP95: percentileOfSorted(cpuTimes, 95) } : {}),
    byKind: Object.fromEntries([...byKind].map(([kind, list]) => [kind, percentileOfSorted(list.sort((a, b) => a - b), 95)])),
  };
}

/** The story edited; its body still read from its file (the getter is on the prototype of BodyCache.lazy's articles). */
const editedCopy = (article: Article): Article =>
  Object.assign(Object.create(Object.getPrototypeOf(article) as object) as Article, article, { headline: `${article.headline} Updated`, revision: `${article.revision}-2` });

function settledHeap(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

const fileMb = (file: string) => mb(['', '-wal'].reduce((sum, suffix) => sum + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0));

/**
 * Articles as the content layer hands them over on the folder default (each body read from its
 * file in `contentDir` when asked for, the latest kept within 32 MB), and a look-up by slug like
 * the repository's own index.
 */
function embeddedContent(size: number, contentDir: string) {
  const bodies = new BodyCache({ read: (file) => bodyOfText(fs.readFileSync(path.join(contentDir, file), 'utf8')) });
  const articles = Array.from(syntheticStories(size), (story) => bodies.lazy(toArticle(story)));
  const bySlug = new Map(articles.map((article) => [article.slug, article]));
  return { articles, bySlug, lookup: (slug: string) => bySlug.get(slug) };
}

/** The embedded engine at one size, in this (child) process: a first build into `file`, queries, one edit. */
async function measureEmbedded(size: number, file: string, contentDir: string, indexing: Indexing): Promise<Row> {
  const { articles, bySlug, lookup } = embeddedContent(size, contentDir);
  const heapBefore = settledHeap();
  const rssArticlesMb = residentMb(process.pid);
  const readerMix = queryMix(articles, 2_000, 13);
  // The peak from here on (Linux: 5 resets VmHWM), not that of generating the articles.
  fs.writeFileSync('/proc/self/clear_refs', '5');
  // Every turn of the event loop while indexing: what a page request could have waited.
  const turns: number[] = [];
  let tick = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    turns.push(now - tick);
    tick = now;
  }, 5);
  const started = performance.now();
  const engine = SqliteSearchEngine.open(file, indexing === 'worker' ? { contentDir, startWorker: startIndexWorker } : {});
  if (engine.indexesInWorker !== (indexing === 'worker')) throw new Error(`indexing ${indexing} asked for, not what the engine does`);
  let built = false;
  const building = engine.sync(articles, lookup).then(() => (built = true));
  // A reader searching every 100 ms while the index builds: what they wait.
  const duringBuild: number[] = [];
  while (!built) {
    await Promise.race([building, new Promise((resolve) => setTimeout(resolve, 100))]);
    if (built) break;
    const searchStart = performance.now();
    await engine.search({ ...readerMix[duringBuild.length % readerMix.length].request, now: NOW });
    duringBuild.push(performance.now() - searchStart);
  }
  await building;
  const indexMs = performance.now() - started;
  clearInterval(timer);
  turns.sort((a, b) => a - b);
  duringBuild.sort((a, b) => a - b);
  const queries = await timeQueries(engine, articles, true);
  // One story edited: what the next search after a content change pays.
  const edited = [editedCopy(articles[0]), ...articles.slice(1)];
  bySlug.set(edited[0].slug, edited[0]);
  const syncStart = performance.now();
  await engine.sync(edited, lookup);
  const editMs = performance.now() - syncStart;
  const heapMb = mb(settledHeap() - heapBefore);
  const rssMb = residentMb(process.pid);
  engine.close();
  return {
    engine: 'embedded',
    size,
    indexing,
    duringBuildP50: percentileOfSorted(duringBuild, 50),
    duringBuildP95: percentileOfSorted(duringBuild, 95),
    duringBuildCount: duringBuild.length,
    indexMs,
    diskMb: fileMb(file),
    ...queries,
    editMs,
    rssArticlesMb,
    rssMb,
    peakRssMb: residentMb(process.pid, 'VmHWM'),
    heapMb,
    pauseP99Ms: percentileOfSorted(turns, 99),
    pauseMs: turns[turns.length - 1],
  };
}

/**
 * A restart on the same content with the file in place, in a fresh (child) process: open it,
 * compare every revision, answer a first search, then the query mix again, and the memory.
 */
async function measureRestart(size: number, file: string, contentDir: string, indexing: Indexing): Promise<Partial<Row>> {
  const { articles, bySlug, lookup } = embeddedContent(size, contentDir);
  // The content as the build's process left it: its first story edited.
  const edited = [editedCopy(articles[0]), ...articles.slice(1)];
  bySlug.set(edited[0].slug, edited[0]);
  settledHeap();
  const rssArticlesMb = residentMb(process.pid);
  const started = performance.now();
  const engine = SqliteSearchEngine.open(file, indexing === 'worker' ? { contentDir, startWorker: startIndexWorker } : {});
  const report = await engine.sync(edited, lookup);
  const restartMs = performance.now() - started;
  if (report.unchanged !== size) throw new Error(`restart re-indexed stories: ${JSON.stringify(report)}`);
  const [{ request }] = queryMix(articles, 1, 11);
  const firstStart = performance.now();
  await engine.search({ ...request, now: NOW });
  const firstSearchMs = performance.now() - firstStart;
  await timeQueries(engine, articles, false);
  settledHeap();
  const restartRssMb = residentMb(process.pid) - rssArticlesMb;
  engine.close();
  return { restartMs, firstSearchMs, restartRssMb };
}

/** Runs a phase in a process of its own and reads what it returns from the last line it prints. */
function inChild<T>(phase: 'build' | 'restart', size: number, file: string, contentDir: string, indexing: Indexing): T {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, __filename, '--child', phase, '--size', String(size), '--file', file, '--content', contentDir, '--indexing', indexing, '--queries', String(QUERIES)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 },
  );
  return JSON.parse(output.trim().split('\n').pop()!) as T;
}

/** The embedded engine at one size, each way of indexing asked for, over one generated content folder. */
function measureEmbeddedApart(size: number): Row[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-bench-sqlite-'));
  const contentDir = path.join(dir, 'content');
  try {
    writeSyntheticSite(size, contentDir);
    return INDEXINGS.map((indexing) => {
      const file = path.join(dir, `search-${indexing}.sqlite`);
      return { ...inChild<Row>('build', size, file, contentDir, indexing), ...inChild<Partial<Row>>('restart', size, file, contentDir, indexing) };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measurePostgres(postgres: Postgres, articles: Article[]): Promise<Row> {
  // The search connections' settings, but no 3 s time-out: a slow query is measured, not cut short.
  const pool = new Pool({ connectionString: postgres.url, options: `${SEARCH_CONNECTION_OPTIONS} -c statement_timeout=0`, max: 2 });
  // Indexing as `npm run db:migrate -- --load` does it: one transaction, on a connection without
  // the search connections' statement timeout.
  const writer = new Pool({ connectionString: postgres.url, max: 1 });
  try {
    await writer.query('TRUNCATE search_documents, search_words');
    const started = performance.now();
    const client = await writer.connect();
    try {
      await client.query('BEGIN');
      await indexForSearch(client, articles, { replaceAll: true });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await writer.query('VACUUM ANALYZE search_documents');
    await writer.query('VACUUM ANALYZE search_words');
    const indexMs = performance.now() - started;
    const sizes = await pool.query<{ total: string; gin: string }>(
      `SELECT pg_total_relation_size('search_documents') + pg_total_relation_size('search_words') AS total, pg_relation_size('search_documents_document') AS gin`,
    );
    const byPath = new Map(articles.map((article) => [article.path, article]));
    const engine = new PostgresSearchEngine(pool, (section, slug) => byPath.get(`/${section}/${slug}`));
    const queries = await timeQueries(engine, articles, false);
    const editStart = performance.now();
    await indexForSearch(writer, [editedCopy(articles[0])]);
    return {
      engine: 'postgres',
      size: articles.length,
      indexMs,
      diskMb: mb(Number(sizes.rows[0].total)),
      ginMb: mb(Number(sizes.rows[0].gin)),
      ...queries,
      editMs: performance.now() - editStart,
    };
  } finally {
    await pool.end();
    await writer.end();
  }
}

async function main() {
  const child = flag('--child');
  if (child) {
    const [size, file, contentDir, indexing] = [Number(flag('--size')), flag('--file')!, flag('--content')!, flag('--indexing') as Indexing];
    console.log(JSON.stringify(child === 'build' ? await measureEmbedded(size, file, contentDir, indexing) : await measureRestart(size, file, contentDir, indexing)));
    return;
  }
  let postgres: Postgres | undefined;
  let dataDir: string | undefined;
  const rows: Row[] = [];
  try {
    if (ENGINES.includes('postgres')) {
      ensurePackages();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-bench-search-'));
      postgres = await startPostgres(dataDir);
      const pool = new Pool({ connectionString: postgres.url, max: 1 });
      await migrate(pool, undefined, () => undefined);
      await pool.end();
    }
    for (const size of SIZES) {
      for (const engine of ENGINES) {
        for (const row of engine === 'embedded' ? measureEmbeddedApart(size) : [await measurePostgres(postgres!, Array.from(syntheticStories(size), toArticle))]) {
        rows.push(row);
        console.log(
          `${engine}${row.indexing ? ` (${row.indexing})` : ''} ${size}: index ${(row.indexMs / 1000).toFixed(1)} s, ${row.diskMb.toFixed(0)} MB on disk, ` +
            `p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, one edit ${row.editMs.toFixed(0)} ms` +
            (row.rssMb === undefined
              ? ''
              : `, RSS ${row.rssMb.toFixed(0)} MB (articles alone ${row.rssArticlesMb!.toFixed(0)}, peak ${row.peakRssMb!.toFixed(0)}), restart ${row.restartMs!.toFixed(0)} ms, ` +
                `event-loop turn p99 ${row.pauseP99Ms!.toFixed(0)} ms / longest ${row.pauseMs!.toFixed(0)} ms, ` +
                `${row.duringBuildCount} searches during the build p50 ${row.duringBuildP50?.toFixed(0)} / p95 ${row.duringBuildP95?.toFixed(0)} ms`),
        );
        }
      }
    }
  } finally {
    postgres?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (INDEXINGS.length > 1) compareIndexing(rows.filter((row) => row.engine === 'embedded'));
  else report(rows);
}

const fixed = (n: number | undefined) => (n === undefined ? '-' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ms = (n: number | undefined) => (n === undefined ? '-' : `${fixed(n)} ms`);
const seconds = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)} s` : `${(n / 1000).toFixed(1)} s`);
const megabytes = (n: number | undefined) => (n === undefined ? '-' : `${n.toFixed(0)} MB`);

const COMPARISON_START = '<!-- indexing: serving thread vs worker -->';
const COMPARISON_END = '<!-- /indexing -->';

/** `--indexing both`: the first build on the serving thread against the one in the worker, written into its own section of search.md. */
function compareIndexing(rows: Row[]) {
  const where = { inline: 'serving thread (25 ms slices)', worker: 'worker thread' };
  const table = [
    '| articles | indexing in | first build | event-loop turn p99 / longest | searches during it: p50 / p95 (how many) | peak RSS | RSS after build and queries | p50 / p95 after | sync after one edit | restart |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} | ${where[r.indexing!]} | ${seconds(r.indexMs)} | ${ms(r.pauseP99Ms)} / ${ms(r.pauseMs)} | ` +
        `${ms(r.duringBuildP50)} / ${ms(r.duringBuildP95)} (${r.duringBuildCount}) | ${megabytes(r.peakRssMb)} | ${megabytes(r.rssMb)} | ` +
        `${ms(r.p50)} / ${ms(r.p95)} | ${r.editMs.toFixed(0)} ms | ${ms(r.restartMs)} |`,
    ),
  ].join('\n');
  console.log(`\n${table}`);
  if (!process.argv.includes('--write')) return;
  const section = `${COMPARISON_START}
## First build: on the serving thread or in the worker (decision 35)

The same generated content folder, as the folder default hands it over: every story a file, each body
read from it when asked for (the latest kept within 32 MB). Indexed on the serving thread (the design
before decision 35: bodies read through the articles' \`body\`, analysed and written in slices of about
25 ms) and by the index's worker thread (the serving thread compares revisions and sends what changed,
100 stories a message; the worker reads each body from the folder, analyses and writes). Each in a
process of its own; "event-loop turn" as above (a 5 ms timer's late ticks: what a page request
arriving during the build could wait); "searches during it": a reader's query every 100 ms while the
build runs, answered from what is written so far; peak RSS is the process's, the worker included,
from the start of indexing. Regenerate with \`npm run bench:search -- --engines embedded --sizes ${rows
    .map((r) => r.size)
    .filter((size, i, all) => all.indexOf(size) === i)
    .join(',')} --indexing both\`.

${machine()}

${table}
${COMPARISON_END}`;
  const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '# Search benchmark\n';
  const at = current.indexOf(COMPARISON_START);
  const updated = at === -1 ? `${current.trimEnd()}\n\n${section}\n` : `${current.slice(0, at)}${section}${current.slice(current.indexOf(COMPARISON_END) + COMPARISON_END.length)}`;
  fs.writeFileSync(OUTPUT, updated);
  console.log(`written to ${path.relative(root, OUTPUT)}`);
}

function report(rows: Row[]) {
  const embedded = rows.filter((r) => r.engine === 'embedded');
  const postgres = rows.filter((r) => r.engine === 'postgres');
  const kinds = Object.keys(rows[0].byKind).sort();
  const embeddedTable = [
    '| articles | indexing | event-loop turn p99 / longest | index file | p50 | p95 | p99 | max | CPU p50 | CPU p95 | sync after one edit | restart | first search after it |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...embedded.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} | ${seconds(r.indexMs)} | ${ms(r.pauseP99Ms)} / ${ms(r.pauseMs)} | ${megabytes(r.diskMb)} | ` +
        `${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${ms(r.cpuP50)} | ${ms(r.cpuP95)} | ${r.editMs.toFixed(0)} ms | ` +
        `${ms(r.restartMs)} | ${ms(r.firstSearchMs)} |`,
    ),
  ].join('\n');
  const memoryTable = [
    '| articles | RSS, articles alone | peak RSS, indexing and queries | RSS after indexing and queries | search\'s share | heap growth | search\'s share after a restart |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...embedded.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} | ${megabytes(r.rssArticlesMb)} | ${megabytes(r.peakRssMb)} | ${megabytes(r.rssMb)} | ` +
        `${megabytes(r.rssMb! - r.rssArticlesMb!)} | ${megabytes(r.heapMb)} | ${megabytes(r.restartRssMb)} |`,
    ),
  ].join('\n');
  const postgresTable = [
    '| articles | indexing | on disk (tables, TOAST, indexes) | GIN index | p50 | p95 | p99 | max | index one edited story |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...postgres.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} | ${seconds(r.indexMs)} | ${megabytes(r.diskMb)} | ${megabytes(r.ginMb)} | ` +
        `${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.editMs.toFixed(0)} ms |`,
    ),
  ].join('\n');
  const kindTable = [
    `| engine | articles | ${kinds.join(' | ')} |`,
    `| --- | ---: | ${kinds.map(() => '---:').join(' | ')} |`,
    ...rows.map((r) => `| ${r.engine} | ${r.size.toLocaleString('en')} | ${kinds.map((k) => ms(r.byKind[k])).join(' | ')} |`),
  ].join('\n');
  const tenThousand = embedded.find((r) => r.size === 10_000);
  const hundredThousand = embedded.find((r) => r.size === 100_000);
  const verdicts = [
    tenThousand &&
      `- p95 <= ${TARGET_P95_MS} ms at 10,000 articles on the embedded engine: ${tenThousand.p95 <= TARGET_P95_MS ? 'met' : 'missed'} ` +
        `(${ms(tenThousand.p95)}; ${ms(tenThousand.cpuP95)} of CPU).`,
    hundredThousand &&
      `- At 100,000 articles, at most ${MEMORY_LIMIT_MB} MB resident (goal ${MEMORY_GOAL_MB} MB) with search used: ` +
        `search's share ${megabytes(hundredThousand.restartRssMb)} in a server restarted with the file in place, ` +
        `${megabytes(hundredThousand.rssMb! - hundredThousand.rssArticlesMb!)} in the one that built it; the whole benchmark process ` +
        `${megabytes(hundredThousand.rssMb)} (peak ${megabytes(hundredThousand.peakRssMb)}), 100,000 articles with their bodies included.`,
    hundredThousand &&
      `- A restart at 100,000 articles with the index file in place: ${ms(hundredThousand.restartMs)} before search answers from it ` +
        `(a first build: ${seconds(hundredThousand.indexMs)}, during which the event loop turned within ${ms(hundredThousand.pauseP99Ms)} 99 % of the time).`,
  ]
    .filter(Boolean)
    .join('\n');
  console.log(`\n${embeddedTable}\n\n${memoryTable}\n\n${postgresTable}\n\n${kindTable}\n${verdicts}`);
  if (!process.argv.includes('--write')) return;
  if (embedded.length !== SIZES.length || postgres.length !== SIZES.length) throw new Error('--write needs both engines');
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  // The comparison of where indexing runs (--indexing both) is kept.
  const previous = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
  const comparison = previous.includes(COMPARISON_START)
    ? `\n${previous.slice(previous.indexOf(COMPARISON_START), previous.indexOf(COMPARISON_END) + COMPARISON_END.length)}\n`
    : '';
  fs.writeFileSync(
    OUTPUT,
    `# Search benchmark

Both engines over the same generated sites (\`scripts/synthetic-site.ts\`: made-up words drawn Zipf-style
from a 20,000-word vocabulary, 8-17-word headlines, two-sentence standfirsts, about 350-word bodies, 2-5 of
300 topics), in one run. Regenerate with \`npm run bench:search\`.

${machine()}

${QUERIES} queries per size and engine after ${WARM_UP} unmeasured ones, one at a time, each answering a full
results page (count, ten hits, snippets). Words come from a random story's headline: 35 % one word, 25 % two,
10 % three, 10 % a typo in a word of six letters or more (answered for the closest spelling the stories use,
or by typo tolerance), 10 % a quoted phrase, 10 % a word with an exclusion; 15 % also filter by section,
15 % sort newest first, 10 % ask for page 2. Latencies are wall-clock, seen by the caller.

${verdicts}

## Embedded (SQLite FTS5, a file per content folder)

Each size runs in a process of its own, over a generated content folder read as the folder default
reads it (each body from its file when asked for). "Indexing" is a first build into an empty file, as a
cold start with no index pays it (\`SqliteSearchEngine.sync\` as servers run it: the serving thread
compares revisions and sends what changed to the index's worker thread, which reads each body from the
folder, analyses it and writes it, 100 stories a transaction); "event-loop turn" is how long the event loop was held
meanwhile (a 5 ms timer's late ticks), which is what a page request arriving during the build could wait:
on a machine this loaded a turn waits for the CPU too. "CPU" is the CPU time this process spent on the
query, which other work on the machine does not inflate. "Sync after one edit" is what the first search
after a content change pays: every story's revision is compared and only the edited one is written again.
"Restart" is a new process opening the file again and comparing every story's revision with it (nothing
to write): what a server restarted on unchanged content pays before search answers from the index.

${embeddedTable}

Resident memory (RSS, after garbage collection) of the process that built the index: the generated
articles alone (bodies not held: read from their files when asked for), then after indexing
and the queries; and what search adds to the RSS of the restarted process after the same queries. The
index itself stays on disk; a process keeps SQLite's page cache (16 MB at most), the revisions the file
holds and, once a search needs it, the vocabulary. Memory a first build used and freed is not all given
back to the system, hence the difference.

${memoryTable}

## PostgreSQL 15 (DATABASE_URL)

A local server (Debian's PostgreSQL 15, default settings but \`fsync=off\`, on loopback) queried through
\`pg\` from this process, as an instance would, but without the search connections' 3 s statement time-out
(a slow query is measured, not cut short). Indexing is one transaction writing every search document
(the generated \`tsvector\` and its GIN index included) and the vocabulary, then \`VACUUM ANALYZE\`: what
\`npm run db:migrate -- --load\` pays for the search part. "Index one edited story" is what a publish
transaction adds for search.

${postgresTable}

## p95 by kind of query

${kindTable}
${comparison}`,
  );
  console.log(`written to ${path.relative(root, OUTPUT)}`);
}

void main();
