/**
 * Archive-scale benchmark (issue 18, not a test). For each archive size it generates a content
 * folder of that many stories (scripts/synthetic-site.ts), starts the production server on it
 * and measures:
 *
 * - start: from the spawn until the first 200 for / (and until the server says it is ready), on
 *   the fresh archive and again on a restart;
 * - resident memory with search used: after start, after the read phases, and the peak;
 * - first render of archive stories never requested (p50, max);
 * - publish to live, p50/p95: new stories (until the home page, its section, its URL and
 *   /feed.xml show it), headline edits of older stories (until its URL shows it) and withdrawals
 *   (until its URL answers 410), each saved as editors' tools save (temporary file, rename);
 * - all-uncached renders per second: every request a story never requested before;
 * - skewed reads (recent stories read most, the whole archive reachable) with no edits and with
 *   one edit every 2 s.
 *
 * With --pg-sizes, the same archive generated and loaded into a temporary PostgreSQL, two
 * instances started as `npm run cluster` does: load time, start and memory per instance,
 * `npm run publish` duration and the time until the story shows on both instances.
 *
 *   npm run bench:archive          (= --sizes 10000,100000 --write)
 *   node --import tsx scripts/bench-archive.ts --sizes 1000 --seconds 5
 *   node --import tsx scripts/bench-archive.ts --sizes 10000 --pg-sizes 250000 --write
 *
 * Options: --sizes N,N (folder store; default 10000,100000), --pg-sizes N,N (PostgreSQL; skipped
 * when not given or when the PostgreSQL binaries are missing), --seconds N (each load phase,
 * default 20), --timeout N (seconds to wait for one change to go live, default 120),
 * --start-timeout N (seconds to wait for the first 200, default 600), --write (writes
 * docs/benchmarks/archive-scale.md), --rebuild (builds even when NEXT_DIST_DIR, default
 * .next-bench-archive, holds a build). Every server, PostgreSQL and temporary folder started or
 * made here is stopped or removed at the end, on failure and on Ctrl-C; a wait that runs out is
 * reported as "timed out" and the run goes on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { freePort } from '../__tests__/e2e/setup/server';
import { saveAtomically } from '../__tests__/e2e/helpers/live-site';
import { runPublish, storyText } from '../__tests__/e2e/helpers/stores';
import { request } from '../__tests__/helpers/http';
import { build, commitMeasured, ensureWrk, machine, percentile, residentMb, root, wrkAsync, type WrkResult } from './bench-lib';
import { ALLOCATOR_ENV } from '../server/allocator';
import { random, writeSyntheticSite, type WrittenStory } from './synthetic-site';
import { siteConfig } from '../lib/config';
import { ARTICLES_PER_SITEMAP } from '../lib/seo/sitemaps';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

function sizes(value: string | undefined): number[] {
  return (value ?? '')
    .split(',')
    .filter(Boolean)
    .map((text) => {
      const n = Number(text.replaceAll('_', ''));
      if (!Number.isInteger(n) || n < 100) throw new Error(`archive sizes are whole numbers of at least 100, not ${text}`);
      return n;
    });
}

function seconds(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!(value > 0)) throw new Error(`--${name} needs a number of seconds`);
  return value;
}

const SIZES = sizes(option('sizes') ?? '10000,100000');
const PG_SIZES = sizes(option('pg-sizes'));
const LOAD_SECONDS = seconds('seconds', 20);
const TIMEOUT_S = seconds('timeout', 120);
const START_TIMEOUT_S = seconds('start-timeout', 600);
const distDir = process.env.NEXT_DIST_DIR ?? '.next-bench-archive';
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const NEW_STORIES = 10;
const EDITS = 10;
const WITHDRAWALS = 5;
const FIRST_RENDERS = 10;
const PG_PUBLISHES = 5;
/** Archive stories a PostgreSQL instance reads on its own (decision 48). */
const ARCHIVE_READS = 2_000;
const READ_CONNECTIONS = 20;
const UNCACHED_CONNECTIONS = 4;
/** Requests slower than this count as wrk timeouts (socket errors) rather than latencies. */
const WRK_TIMEOUT_S = 30;
const EDIT_EVERY_MS = 2_000;
/** Where the hand-written reading of the figures starts in the written report. */
const READING_HEADING = '## Reading these figures';
/** The sizes issue 18 sets targets for. */
const TARGET_SIZES = new Set([10_000, 100_000]);

/** Measured before the content-layer redesign on this 2-core machine, folder store (issue 18). */
const BEFORE: Record<number, Record<'start' | 'memory' | 'firstRender' | 'newStory' | 'reads' | 'readsWithEdits', string>> = {
  1_000: { start: '2.9 s', memory: '246-633 MB', firstRender: '126-380 ms', newStory: '0.6 s (home + its URL)', reads: '45 req/s, p99 1.9 s', readsWithEdits: '14 req/s' },
  10_000: { start: '18.8 s', memory: '605-1,281 MB', firstRender: '1.3 s', newStory: '4.0-4.4 s (home + its URL)', reads: '17 req/s, p99 2 s', readsWithEdits: '0.07 req/s' },
  100_000: { start: '235 s', memory: '3.7 GB', firstRender: '22.9 s', newStory: '67-80 s (home + its URL)', reads: '—', readsWithEdits: '—' },
};
const BEFORE_PG = {
  setup: '10,000 stories, `npm run cluster -- --instances 2`',
  memory: '720-740 MB each',
  publish: '3.8-4.2 s',
  live: '8.9-11 s',
};

// ---------------------------------------------------------------------------------------------
// Clean-up: everything started here is stopped by PID, last first, however the run ends.

const cleanups: (() => Promise<void> | void)[] = [];

/** Registers a stop; returns it, to be called (once) when done with the thing. */
function track(stop: () => Promise<void> | void): () => Promise<void> {
  const entry = async () => {
    await stop();
  };
  cleanups.push(entry);
  return async () => {
    const at = cleanups.indexOf(entry);
    if (at === -1) return;
    cleanups.splice(at, 1);
    await entry();
  };
}

async function cleanUp(): Promise<void> {
  for (const stop of cleanups.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error(`bench: stopping: ${(error as Error).message}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, stopping what it started...`);
    void cleanUp().then(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const duration = (ms: number | undefined) => (ms === undefined ? '—' : ms < 1000 ? `${fmt(ms)} ms` : `${fmt(ms / 1000, 1)} s`);
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The promise, or a rejection after ms (the request behind it is left to the server's stop). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${fmt(ms / 1000)} s`)), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Check = () => Promise<boolean>;
const shows =
  (url: string, text: string): Check =>
  async () => {
    const reply = await request(url);
    return reply.status === 200 && reply.body.includes(text);
  };
const answers =
  (url: string, status: number): Check =>
  async () =>
    (await request(url)).status === status;

/** Polls every 10 ms until every check holds: milliseconds since `since`, or undefined after TIMEOUT_S. */
async function liveAfter(since: number, checks: Check[]): Promise<number | undefined> {
  const deadline = since + TIMEOUT_S * 1000;
  const pending = new Set(checks);
  for (;;) {
    for (const check of [...pending]) {
      if (await withTimeout(check(), deadline - performance.now()).catch(() => false)) pending.delete(check);
    }
    if (!pending.size) return performance.now() - since;
    if (performance.now() > deadline) return undefined;
    await sleep(10);
  }
}

/** Times of one kind of change: the ones measured, how many were tried, why the rest were not. */
interface Series {
  times: number[];
  tried: number;
  note?: string;
}

/** Runs `one` count times; stops at the first that does not go live within TIMEOUT_S. */
async function series(label: string, count: number, one: (i: number) => Promise<number | undefined>): Promise<Series> {
  const result: Series = { times: [], tried: 0 };
  for (let i = 0; i < count; i++) {
    result.tried++;
    const ms = await one(i);
    if (ms === undefined) {
      result.note = `timed out after ${TIMEOUT_S} s`;
      log(`  ${label} ${i + 1}: timed out after ${TIMEOUT_S} s; no more of this kind`);
      break;
    }
    result.times.push(ms);
    log(`  ${label} ${i + 1}: ${duration(ms)}`);
  }
  return result;
}

const p95 = (s: Series) => (s.times.length ? percentile(s.times, 95) : undefined);
const describeSeries = (s: Series) =>
  [s.times.length ? `p50 ${duration(percentile(s.times, 50))}, p95 ${duration(p95(s))} (${s.times.length})` : '', s.note ?? ''].filter(Boolean).join('; ') || '—';

/** A story file with its front matter changed (parsed and written back as YAML). */
function withFrontMatter(file: string, change: (frontMatter: Record<string, unknown>) => Record<string, unknown>): string {
  const text = fs.readFileSync(file, 'utf8');
  const end = text.indexOf('\n---\n', 3);
  const frontMatter = YAML.parse(text.slice(4, end + 1)) as Record<string, unknown>;
  return `---\n${YAML.stringify(change(frontMatter))}---\n${text.slice(end + 5)}`;
}

// ---------------------------------------------------------------------------------------------
// Archives and servers.

interface Archive {
  dir: string;
  /** Newest first. */
  stories: WrittenStory[];
  sections: string[];
  generateMs: number;
  file: (story: WrittenStory) => string;
  remove: () => Promise<void>;
}

const storyPath = (story: WrittenStory) => `/${story.section}/${story.slug}`;

function generate(size: number, tmp: string): Archive {
  const dir = path.join(tmp, `archive-${size}`);
  log(`generating ${fmt(size)} stories into ${dir}...`);
  const started = performance.now();
  const remove = track(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stories = writeSyntheticSite(size, dir).sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
  const generateMs = performance.now() - started;
  log(`generated in ${duration(generateMs)}`);
  return {
    dir,
    stories,
    sections: [...new Set(stories.map((s) => s.section))].sort(),
    generateMs,
    file: (story) => path.join(dir, 'articles', `${story.slug}.md`),
    remove,
  };
}

/** The archive's stories in a fixed shuffled order (seeded), to draw disjoint samples from. */
function shuffled<T>(items: T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function ensureBuild(): void {
  const built = fs.existsSync(path.join(root, distDir, 'BUILD_ID')) && fs.existsSync(path.join(root, distDir, 'newsbite-server', 'server', 'main.js'));
  if (built && !process.argv.includes('--rebuild')) {
    log(`using the build in ${distDir} (--rebuild to build again)`);
    return;
  }
  log(`building into ${distDir}...`);
  build(distDir);
}

interface ArchiveServer {
  url: string;
  pid: number;
  /** From the spawn until the server printed that it is ready, if it did. */
  readyMs?: number;
  /** From the spawn until the first 200 for /. */
  firstOkMs: number;
  stop: () => Promise<void>;
}

/** SIGTERM, SIGKILL after 10 s; resolves once it has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited.finally(() => clearTimeout(timer));
}

/** The production server (`npm start`'s server/main.js) on the archive; resolves at the first 200 for /. */
async function startArchiveServer(contentDir: string): Promise<ArchiveServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, distDir, 'newsbite-server', 'server', 'main.js')], {
    cwd: root,
    env: { ...ALLOCATOR_ENV, ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: distDir, CONTENT_DIR: contentDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = track(() => stopChild(child));
  let output = '';
  let readyMs: number | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
    if (readyMs === undefined && /\bready\b/i.test(output)) readyMs = performance.now() - started;
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk;
    process.stderr.write(chunk);
  });
  const deadline = started + START_TIMEOUT_S * 1000;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited:\n${output.slice(-3000)}`);
      if (performance.now() > deadline) throw new Error(`no 200 for / within ${START_TIMEOUT_S} s (timed out)`);
      const reply = await withTimeout(request(`${url}/`), deadline - performance.now()).catch(() => undefined);
      if (reply?.status === 200) break;
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, readyMs, firstOkMs: performance.now() - started, stop };
}

// ---------------------------------------------------------------------------------------------
// Load: wrk with Lua scripts reading their paths from a file (one a line).

function luaScript(tmp: string, name: string, paths: string[], body: string): string {
  const list = path.join(tmp, `${name}.paths`);
  fs.writeFileSync(list, `${paths.join('\n')}\n`);
  const file = path.join(tmp, `${name}.lua`);
  // Readers' browsers all ask for compressed pages.
  const header = 'wrk.headers["Accept-Encoding"] = "gzip, deflate, br"\n';
  fs.writeFileSync(file, `${header}local paths = {}\nfor line in io.lines(${JSON.stringify(list)}) do paths[#paths + 1] = line end\n${body}`);
  return file;
}

/**
 * Skewed reads: 1 request in 10 the home page, 1 in 10 a section front, the rest a story drawn
 * Zipf-style (s = 1) over the archive newest first: the k newest are read with a probability of
 * ln(k + 1) / ln(N + 1), so the newest 1 % takes half the story reads at 10,000, and every story
 * can be read.
 */
function skewedScript(tmp: string, stories: string[], sections: string[]): string {
  return luaScript(
    tmp,
    'skewed',
    stories,
    `local fronts = { ${sections.map((s) => JSON.stringify(`/${s}`)).join(', ')} }
local logN = math.log(#paths + 1)
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local r = math.random()
  if r < 0.1 then return wrk.format("GET", "/") end
  if r < 0.2 then return wrk.format("GET", fronts[math.random(#fronts)]) end
  local k = math.floor(math.exp(math.random() * logN))
  if k > #paths then k = #paths end
  return wrk.format("GET", paths[k])
end
`,
  );
}

/** Every request a different story (each wrk thread takes every other one of the list). */
function uncachedScript(tmp: string, stories: string[], threads: number): string {
  return luaScript(
    tmp,
    'uncached',
    stories,
    `local count = 0
function setup(thread)
  thread:set("id", count)
  count = count + 1
end
local i = nil
request = function()
  if i == nil then i = id or 0 end
  local p = paths[(i % #paths) + 1]
  i = i + ${threads}
  return wrk.format("GET", p)
end
`,
  );
}

async function load(url: string, script: string, connections: number, seconds = LOAD_SECONDS): Promise<WrkResult | string> {
  try {
    return await wrkAsync(url, { connections, seconds, script, timeoutSeconds: WRK_TIMEOUT_S });
  } catch (error) {
    return `wrk failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

const describeLoad = (r: WrkResult | string | undefined) =>
  r === undefined ? '—' : typeof r === 'string' ? r : `${fmt(r.requestsPerSecond, r.requestsPerSecond < 10 ? 2 : 0)} req/s, p50 ${duration(r.p50Ms)}, p99 ${duration(r.p99Ms)}${r.errors + r.non2xx ? ` (${r.errors} socket errors or timeouts, ${r.non2xx} non-2xx)` : ''}`;
const rps = (r: WrkResult | string | undefined) => (typeof r === 'object' ? r.requestsPerSecond : undefined);

// ---------------------------------------------------------------------------------------------
// One folder-store size.

interface FolderResult {
  size: number;
  generateMs: number;
  error?: string;
  start?: ArchiveServer;
  restart?: { firstOkMs: number; readyMs?: number } | string;
  memory: { afterStart?: number; afterReads?: number; peak?: number };
  firstRenders: number[];
  firstRenderNote?: string;
  newStory?: Series;
  edit?: Series;
  withdrawal?: Series;
  uncached?: WrkResult | string;
  uncachedPool?: number;
  reads?: WrkResult | string;
  readsWithEdits?: WrkResult | string;
  editsDuringReads?: number;
  totalMs: number;
}

async function searchWords(server: ArchiveServer, archive: Archive): Promise<void> {
  for (const story of archive.stories.slice(0, 3)) {
    const word = story.headline.split(' ')[0].toLowerCase();
    await withTimeout(request(`${server.url}/search?q=${encodeURIComponent(word)}`), TIMEOUT_S * 1000).catch(() => undefined);
  }
}

async function measureFolder(size: number, tmp: string): Promise<FolderResult> {
  const begun = performance.now();
  const archive = generate(size, tmp);
  const result: FolderResult = { size, generateMs: archive.generateMs, memory: {}, firstRenders: [], totalMs: 0 };
  // Disjoint samples of older stories, none requested before its own phase.
  const older = shuffled(archive.stories.slice(Math.floor(size / 2)), size);
  const firstRenderPicks = older.splice(0, FIRST_RENDERS);
  const editPicks = older.splice(0, EDITS);
  const withdrawalPicks = older.splice(0, WITHDRAWALS);
  const readEditOld = older.splice(0, 100);
  const picked = new Set([...firstRenderPicks, ...editPicks, ...withdrawalPicks, ...readEditOld]);
  const uncachedPool = shuffled(
    archive.stories.filter((s) => !picked.has(s)),
    size + 1,
  ).map(storyPath);
  let server: ArchiveServer | undefined;
  try {
    log(`${fmt(size)}: starting the server...`);
    server = await startArchiveServer(archive.dir);
    result.start = server;
    log(`${fmt(size)}: first 200 for / after ${duration(server.firstOkMs)} (ready after ${duration(server.readyMs)})`);
    await searchWords(server, archive);
    result.memory.afterStart = residentMb(server.pid);
    log(`${fmt(size)}: ${fmt(result.memory.afterStart)} MB resident after start and searches`);

    for (const story of firstRenderPicks) {
      const started = performance.now();
      const reply = await withTimeout(request(`${server.url}${storyPath(story)}`), TIMEOUT_S * 1000).catch((error: Error) => error);
      if (reply instanceof Error || reply.status !== 200) {
        result.firstRenderNote = reply instanceof Error ? `timed out after ${TIMEOUT_S} s` : `${storyPath(story)} answered ${reply.status}`;
        break;
      }
      result.firstRenders.push(performance.now() - started);
    }
    log(`${fmt(size)}: first renders ${result.firstRenders.map(duration).join(', ')}${result.firstRenderNote ? ` (${result.firstRenderNote})` : ''}`);

    const url = server.url;
    result.newStory = await series('new story', NEW_STORIES, (i) => {
      const section = archive.sections[i % archive.sections.length];
      const slug = `archive-bench-new-${i}`;
      const headline = `Archive benchmark story ${i} ${Date.now()}`;
      const text = storyText(slug, { section, headline, tags: ['Archive Benchmark'] });
      const started = performance.now();
      saveAtomically(path.join(archive.dir, 'articles', `${slug}.md`), text);
      return liveAfter(started, [shows(`${url}/`, headline), shows(`${url}/${section}`, headline), shows(`${url}/${section}/${slug}`, headline), shows(`${url}/feed.xml`, headline)]);
    });
    result.edit = await series('edit', EDITS, (i) => {
      const story = editPicks[i];
      const headline = `Edited archive headline ${i} ${Date.now()}`;
      const text = withFrontMatter(archive.file(story), (fm) => ({ ...fm, headline }));
      const started = performance.now();
      saveAtomically(archive.file(story), text);
      return liveAfter(started, [shows(`${url}${storyPath(story)}`, headline)]);
    });
    result.withdrawal = await series('withdrawal', WITHDRAWALS, (i) => {
      const story = withdrawalPicks[i];
      const text = withFrontMatter(archive.file(story), (fm) => ({ ...fm, status: 'withdrawn', withdrawnReason: 'Withdrawn by the archive benchmark.' }));
      const started = performance.now();
      saveAtomically(archive.file(story), text);
      return liveAfter(started, [answers(`${url}${storyPath(story)}`, 410)]);
    });

    log(`${fmt(size)}: all-uncached renders, ${LOAD_SECONDS} s...`);
    result.uncachedPool = uncachedPool.length;
    result.uncached = await load(url, uncachedScript(tmp, uncachedPool, Math.min(UNCACHED_CONNECTIONS, 2)), UNCACHED_CONNECTIONS);
    log(`${fmt(size)}: ${describeLoad(result.uncached)}`);

    const withdrawn = new Set(withdrawalPicks);
    const readable = archive.stories.filter((s) => !withdrawn.has(s)).map(storyPath);
    const skewed = skewedScript(tmp, readable, archive.sections);
    log(`${fmt(size)}: skewed reads, warm-up ${Math.min(5, LOAD_SECONDS)} s, then ${LOAD_SECONDS} s without edits...`);
    await load(url, skewed, READ_CONNECTIONS, Math.min(5, LOAD_SECONDS));
    result.reads = await load(url, skewed, READ_CONNECTIONS);
    log(`${fmt(size)}: ${describeLoad(result.reads)}`);

    log(`${fmt(size)}: skewed reads, ${LOAD_SECONDS} s with one edit every ${EDIT_EVERY_MS / 1000} s...`);
    // Edits alternate between the most read stories and old ones.
    let edits = 0;
    const recent = archive.stories.slice(0, 50);
    const timer = setInterval(() => {
      const story = edits % 2 === 0 ? recent[(edits / 2) % recent.length] : readEditOld[Math.floor(edits / 2) % readEditOld.length];
      edits++;
      saveAtomically(archive.file(story), withFrontMatter(archive.file(story), (fm) => ({ ...fm, headline: `Read-phase edit ${edits} of ${story.slug}` })));
    }, EDIT_EVERY_MS);
    try {
      result.readsWithEdits = await load(url, skewed, READ_CONNECTIONS);
    } finally {
      clearInterval(timer);
    }
    result.editsDuringReads = edits;
    log(`${fmt(size)}: ${describeLoad(result.readsWithEdits)} (${edits} edits)`);
    result.memory.afterReads = residentMb(server.pid);
    result.memory.peak = residentMb(server.pid, 'VmHWM');
    await server.stop();

    log(`${fmt(size)}: restarting on the same archive...`);
    try {
      const again = await startArchiveServer(archive.dir);
      result.restart = { firstOkMs: again.firstOkMs, readyMs: again.readyMs };
      await again.stop();
      log(`${fmt(size)}: restart: first 200 after ${duration(again.firstOkMs)}`);
    } catch (error) {
      result.restart = (error as Error).message.split('\n')[0];
    }
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0];
    log(`${fmt(size)}: ${result.error}`);
  } finally {
    await server?.stop();
    await archive.remove();
  }
  result.totalMs = performance.now() - begun;
  return result;
}

// ---------------------------------------------------------------------------------------------
// One PostgreSQL size: two instances as `npm run cluster` starts them.

interface PostgresResult {
  size: number;
  skipped?: string;
  error?: string;
  generateMs?: number;
  loadMs?: number;
  firstStarts: number[];
  restarts: number[];
  /** From a restart until the archive's oldest story answers. */
  archiveStory: number[];
  /** From a restart until the last page of that story's section answers (its oldest stories). */
  archivePage: number[];
  /** The first render of pages read from the store's lists (decision 47). */
  storeRenders: { what: string; ms?: number }[];
  /** From a restart until search answers. */
  wholeArchive: number[];
  /** Archive stories never requested, read by one instance (decision 48: each read from the store on its own), and its memory after. */
  archiveReads?: { stories: number; perSecond: number; p50: number; p95: number; memoryMb: number };
  memory: number[];
  memoryAfter: number[];
  /** From the instances' first answers until the store's related stories were ranked whole. */
  rankedMs?: number;
  publish: Series;
  live: Series;
  totalMs: number;
}

/** Waits until one instance has ranked the store's related stories whole; false after `timeoutMs`. */
async function rankedForStore(url: string, timeoutMs: number): Promise<boolean> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const until = performance.now() + timeoutMs; performance.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
      const { rows } = await client.query<{ ranked: boolean }>('SELECT whole_ranked_at IS NOT NULL AS ranked FROM related_ranking');
      if (rows[0]?.ranked) return true;
    }
    return false;
  } finally {
    await client.end();
  }
}

async function measurePostgres(size: number, tmp: string): Promise<PostgresResult> {
  const begun = performance.now();
  const result: PostgresResult = { size, firstStarts: [], restarts: [], archiveStory: [], archivePage: [], storeRenders: [], wholeArchive: [], memory: [], memoryAfter: [], publish: { times: [], tried: 0 }, live: { times: [], tried: 0 }, totalMs: 0 };
  if (!fs.existsSync(path.join(PG_BIN, 'postgres'))) {
    result.skipped = `no PostgreSQL binaries in ${PG_BIN} (set PG_BIN)`;
    return result;
  }
  const archive = generate(size, tmp);
  result.generateMs = archive.generateMs;
  try {
    // Imported here: a folder-only run does not need the store modules.
    const { startCluster } = await import('./cluster-lib');
    // The cluster logs each step once done: the gaps between its lines time the load and each instance's start.
    const marks: { at: number; message: string }[] = [];
    log(`PostgreSQL ${fmt(size)}: starting PostgreSQL, loading the archive, starting 2 instances...`);
    const cluster = await startCluster({
      instances: 2,
      distDir,
      contentDir: archive.dir,
      log: (message) => {
        marks.push({ at: performance.now(), message });
        log(`  ${message}`);
      },
    });
    const stopCluster = track(() => cluster.stop());
    try {
      const at = (pattern: RegExp) => marks.find((m) => pattern.test(m.message))?.at;
      const loaded = at(/loaded \d+ articles/);
      const postgresUp = at(/PostgreSQL on/);
      if (loaded !== undefined && postgresUp !== undefined) result.loadMs = loaded - postgresUp;
      let previous = at(/Redis on/);
      for (const mark of marks.filter((m) => /cluster: instance /.test(m.message))) {
        if (previous !== undefined) result.firstStarts.push(mark.at - previous);
        previous = mark.at;
      }
      const story = archive.stories[archive.stories.length - 1];
      const lastSectionPage = `/${story.section}/page/${Math.ceil(archive.stories.filter((s) => s.section === story.section).length / siteConfig.pageSize)}`;
      for (const instance of cluster.instances) {
        for (const target of ['/', storyPath(story), `/search?q=${encodeURIComponent(story.headline.split(' ')[0].toLowerCase())}`]) {
          await withTimeout(request(`${instance.url}${target}`), TIMEOUT_S * 1000).catch(() => undefined);
        }
        result.memory.push(residentMb(instance.pid()!));
      }
      // Related stories are ranked once for the store, by one instance, after the first start (decision 46).
      const rankingFrom = performance.now();
      result.rankedMs = await rankedForStore(cluster.env.DATABASE_URL, START_TIMEOUT_S * 1000).then((ranked) => (ranked ? performance.now() - rankingFrom : undefined));
      log(`  related stories ranked for the store ${duration(result.rankedMs)} after the instances answered`);
      // One at a time, each once search answers, as a rolling restart does.
      for (const instance of cluster.instances) {
        await instance.stop();
        const started = performance.now();
        await instance.start();
        const ms = await liveAfter(started, [answers(`${instance.url}/`, 200)]);
        if (ms !== undefined) result.restarts.push(ms);
        // The oldest story, while the rest of the archive is still being read.
        const archived = await liveAfter(started, [answers(`${instance.url}${storyPath(story)}`, 200)]);
        if (archived !== undefined) result.archiveStory.push(archived);
        const page = await liveAfter(started, [answers(`${instance.url}${lastSectionPage}`, 200)]);
        if (page !== undefined) result.archivePage.push(page);
        const whole = await liveAfter(started, [answers(`${instance.url}/search?q=news`, 200)]);
        if (whole !== undefined) result.wholeArchive.push(whole);
        log(
          `  instance ${instance.url} restarted: first 200 after ${duration(ms)}, the oldest story after ${duration(archived)}, its section's last page after ${duration(page)}, search after ${duration(whole)}`,
        );
      }
      // Pages read from the store's lists, each rendered once (nothing cached yet for them).
      const otherSection = archive.sections.find((section) => section !== story.section)!;
      const parts = Math.ceil(size / ARTICLES_PER_SITEMAP);
      for (const [what, target] of [
        [`a section's last page (${otherSection})`, `/${otherSection}/page/${Math.ceil(archive.stories.filter((s) => s.section === otherSection).length / siteConfig.pageSize)}`],
        ['a section front', `/${otherSection}`],
        ['the sitemap index', '/sitemap.xml'],
        [`the last articles sitemap part (${fmt(ARTICLES_PER_SITEMAP)} stories)`, `/sitemaps/articles-${parts}.xml`],
        ['the pages sitemap', '/sitemaps/pages.xml'],
        ['the corrections page', '/corrections'],
      ]) {
        const started = performance.now();
        const response = await withTimeout(request(`${cluster.instances[1].url}${target}`), TIMEOUT_S * 1000).catch(() => undefined);
        result.storeRenders.push({ what, ms: response?.status === 200 ? performance.now() - started : undefined });
        log(`  ${what}: ${response?.status ?? 'no answer'} after ${duration(result.storeRenders.at(-1)!.ms)}`);
      }
      // Archive stories never requested, on one instance, a few at a time: each is read from the store by the request that shows it.
      const reader = cluster.instances[1];
      const unread = shuffled(archive.stories.slice(Math.floor(size / 2)), size).slice(0, ARCHIVE_READS);
      const readTimes: number[] = [];
      const readFrom = performance.now();
      await Promise.all(
        Array.from({ length: UNCACHED_CONNECTIONS }, async (_, lane) => {
          for (let i = lane; i < unread.length; i += UNCACHED_CONNECTIONS) {
            const started = performance.now();
            const response = await withTimeout(request(`${reader.url}${storyPath(unread[i])}`), TIMEOUT_S * 1000).catch(() => undefined);
            if (response?.status === 200) readTimes.push(performance.now() - started);
          }
        }),
      );
      readTimes.sort((a, b) => a - b);
      result.archiveReads = {
        stories: readTimes.length,
        perSecond: readTimes.length / ((performance.now() - readFrom) / 1000),
        p50: readTimes[Math.floor(readTimes.length / 2)],
        p95: readTimes[Math.floor(readTimes.length * 0.95)],
        memoryMb: residentMb(reader.pid()!),
      };
      log(`  ${result.archiveReads.stories} archive stories read: ${result.archiveReads.perSecond.toFixed(1)}/s, p50 ${duration(result.archiveReads.p50)}, p95 ${duration(result.archiveReads.p95)}; ${mb(result.archiveReads.memoryMb)} resident after`);
      for (let i = 0; i < PG_PUBLISHES; i++) {
        const slug = `archive-bench-pg-${i}`;
        const headline = `PostgreSQL archive benchmark ${i} ${Date.now()}`;
        const file = path.join(tmp, `${slug}.md`);
        fs.writeFileSync(file, storyText(slug, { headline, tags: ['Archive Benchmark'] }));
        result.publish.tried++;
        result.live.tried++;
        const started = performance.now();
        const published = await runPublish([file], cluster.env);
        if (published.code !== 0) {
          result.publish.note = `npm run publish exited ${published.code}: ${(published.stderr || published.stdout).trim().split('\n')[0]}`;
          break;
        }
        result.publish.times.push(performance.now() - started);
        const ms = await liveAfter(
          started,
          cluster.instances.flatMap((instance) => [shows(`${instance.url}/`, headline), shows(`${instance.url}/science/${slug}`, headline)]),
        );
        if (ms === undefined) {
          result.live.note = `timed out after ${TIMEOUT_S} s`;
          break;
        }
        result.live.times.push(ms);
        log(`  publish ${i + 1}: npm run publish ${duration(result.publish.times.at(-1))}, on both instances after ${duration(ms)}`);
      }
      result.memoryAfter = cluster.instances.map((instance) => residentMb(instance.pid()!));
    } finally {
      await stopCluster();
    }
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0];
    log(`PostgreSQL ${fmt(size)}: ${result.error}`);
  } finally {
    await archive.remove();
  }
  result.totalMs = performance.now() - begun;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The report.

const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? '**met**' : '**MISSED**');
const mb = (n: number | undefined) => (n === undefined ? '—' : `${fmt(n)} MB`);

/** Which build a section measured and when: a written report keeps the sections a later run did not measure. */
function measuredAt(): string {
  return `Commit ${commitMeasured()}, measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
}

function folderSection(r: FolderResult): string[] {
  const before = BEFORE[r.size];
  const b = (key: keyof (typeof BEFORE)[number]) => before?.[key] ?? '—';
  const targeted = TARGET_SIZES.has(r.size);
  const t = (text: string) => (targeted ? text : '—');
  const readRatio = rps(r.reads) && rps(r.readsWithEdits) !== undefined ? rps(r.readsWithEdits)! / rps(r.reads)! : undefined;
  const restart = r.restart === undefined ? '—' : typeof r.restart === 'string' ? r.restart : `${duration(r.restart.firstOkMs)} (ready after ${duration(r.restart.readyMs)})`;
  const firstRender = r.firstRenders.length
    ? `p50 ${duration(percentile(r.firstRenders, 50))}, max ${duration(Math.max(...r.firstRenders))} (${r.firstRenders.length})${r.firstRenderNote ? `; ${r.firstRenderNote}` : ''}`
    : (r.firstRenderNote ?? '—');
  const rows = [
    ['start: first 200 for / on the new archive', b('start'), r.start ? `${duration(r.start.firstOkMs)} (ready after ${duration(r.start.readyMs)})` : '—', t('≤ 30 s (goal 5 s)')],
    ['start: restart on the same archive', '—', restart, t('goal 5 s with a persisted index')],
    ['resident memory, search used: after start → after the reads (peak)', b('memory'), `${mb(r.memory.afterStart)} → ${mb(r.memory.afterReads)} (peak ${mb(r.memory.peak)})`, t('≤ 800 MB (goal 400 MB)')],
    [`first render of an archive story never requested`, b('firstRender'), firstRender, '—'],
    ['publish to live: new story (home, section, its URL, /feed.xml)', b('newStory'), r.newStory ? describeSeries(r.newStory) : '—', t('p95 ≤ 1 s')],
    ['publish to live: headline edit of an older story (its URL)', '—', r.edit ? describeSeries(r.edit) : '—', t('p95 ≤ 1 s')],
    ['publish to live: withdrawal (its URL answers 410)', '—', r.withdrawal ? describeSeries(r.withdrawal) : '—', t('p95 ≤ 1 s')],
    ['skewed reads, no edits', b('reads'), describeLoad(r.reads), r.size === 10_000 ? '≥ 200 req/s' : '—'],
    [
      `skewed reads, one edit every ${EDIT_EVERY_MS / 1000} s`,
      b('readsWithEdits'),
      `${describeLoad(r.readsWithEdits)}${readRatio !== undefined ? `; ${fmt(readRatio * 100)} % of no edits` : ''}${r.editsDuringReads !== undefined ? `; ${r.editsDuringReads} edits` : ''}`,
      t('≥ 50 % of no edits'),
    ],
    ['all-uncached renders per second', '—', describeLoad(r.uncached), '—'],
  ];
  const lines = [
    `## Folder store, ${fmt(r.size)} stories`,
    '',
    `${measuredAt()} Generating the archive took ${duration(r.generateMs)}; measuring this size took ${duration(r.totalMs)} in all.${r.error ? ` **Stopped early: ${r.error}**` : ''}`,
    '',
    '| measure | before | now | target |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
  if (r.uncached && typeof r.uncached === 'object' && r.uncachedPool !== undefined && r.uncached.requestsPerSecond * LOAD_SECONDS > r.uncachedPool) {
    lines.push(`The all-uncached run asked for more stories than the ${fmt(r.uncachedPool)} never requested: after those, requests were for stories already rendered.`, '');
  }
  if (targeted) {
    const folderTarget = (label: string, value: number | undefined, limit: number, show: (n: number) => string) =>
      `- ${label}: ${value === undefined ? 'not measured' : show(value)} (target ${show(limit)}): ${verdict(value === undefined ? undefined : value <= limit)}`;
    lines.push(
      '### Targets',
      '',
      folderTarget('start, first 200', r.start?.firstOkMs, 30_000, duration),
      folderTarget('resident memory, peak with search used', r.memory.peak, 800, mb),
      ...(['newStory', 'edit', 'withdrawal'] as const).map((kind) => {
        const s = r[kind];
        const met = s && s.times.length ? !s.note && p95(s)! <= 1000 : s?.note ? false : undefined;
        return `- publish to live p95, ${{ newStory: 'new story', edit: 'edit', withdrawal: 'withdrawal' }[kind]}: ${s ? describeSeries(s) : 'not measured'} (target ≤ 1 s): ${verdict(met)}`;
      }),
      `- skewed reads with an edit every ${EDIT_EVERY_MS / 1000} s: ${readRatio === undefined ? 'not measured' : `${fmt(readRatio * 100)} % of the same reads without`} (target ≥ 50 %): ${verdict(readRatio === undefined ? undefined : readRatio >= 0.5)}`,
      ...(r.size === 10_000 ? [`- skewed reads over 10,000 stories: ${describeLoad(r.reads)} (target ≥ 200 req/s, item 6): ${verdict(rps(r.reads) === undefined ? undefined : rps(r.reads)! >= 200)}`] : []),
      '',
    );
  }
  return lines;
}

function postgresSection(r: PostgresResult): string[] {
  const lines = [`## PostgreSQL, ${fmt(r.size)} stories, 2 instances`, ''];
  if (r.skipped) return [...lines, `Skipped: ${r.skipped}.`, ''];
  const each = (values: number[], show: (n: number) => string) => (values.length ? values.map(show).join(', ') : '—');
  lines.push(
    `${measuredAt()} Generating the archive took ${duration(r.generateMs)}; measuring this size took ${duration(r.totalMs)} in all.${r.error ? ` **Stopped early: ${r.error}**` : ''}`,
    '',
    `| measure | before (${BEFORE_PG.setup}) | now | target |`,
    '| --- | --- | --- | --- |',
    `| loading the archive into PostgreSQL (as \`db:migrate -- --load\`) | — | ${duration(r.loadMs)} | — |`,
    `| start per instance, first start until it answers | — | ${each(r.firstStarts, duration)} | — |`,
    `| related stories ranked once for the store (by one instance, from the first answers) | — | ${duration(r.rankedMs)} | — |`,
    `| start per instance, restart until the first 200 for / | — | ${each(r.restarts, duration)} | ≤ 10 s each |`,
    `| restart until the archive's oldest story answers | — | ${each(r.archiveStory, duration)} | — |`,
    `| restart until that story's section's last page answers (its oldest stories) | — | ${each(r.archivePage, duration)} | — |`,
    `| first render of pages read from the store's lists: ${r.storeRenders.map((render) => render.what).join('; ')} | — | ${r.storeRenders.map((render) => duration(render.ms)).join('; ') || '—'} | — |`,
    `| restart until search answers | — | ${each(r.wholeArchive, duration)} | — |`,
    `| ${fmt(r.archiveReads?.stories ?? ARCHIVE_READS)} archive stories never requested, read on one instance (${UNCACHED_CONNECTIONS} at a time), and its memory after | — | ${r.archiveReads ? `${r.archiveReads.perSecond.toFixed(1)}/s, p50 ${duration(r.archiveReads.p50)}, p95 ${duration(r.archiveReads.p95)}; ${mb(r.archiveReads.memoryMb)}` : '—'} | — |`,
    `| resident memory per instance, after start and a search → at the end | ${BEFORE_PG.memory} | ${each(r.memory, mb)} → ${each(r.memoryAfter, mb)} | — |`,
    `| \`npm run publish\` of one story | ${BEFORE_PG.publish} | ${describeSeries(r.publish)} | — |`,
    `| publish to live: from the start of \`npm run publish\` until both instances show it (home and its URL) | ${BEFORE_PG.live} | ${describeSeries(r.live)} | p95 ≤ 2 s |`,
    '',
    '### Targets',
    '',
    `- start within 10 s, every instance: ${each(r.restarts, duration)}: ${verdict(r.restarts.length === 2 ? r.restarts.every((ms) => ms <= 10_000) : undefined)}`,
    `- publish to live p95 ≤ 2 s, every instance: ${describeSeries(r.live)}: ${verdict(r.live.times.length ? !r.live.note && p95(r.live)! <= 2000 : r.live.note ? false : undefined)}`,
    '',
  );
  return lines;
}

function report(folder: FolderResult[], postgres: PostgresResult[]): string {
  return [
    '# Archive-scale benchmark',
    '',
    'Written by `npm run bench:archive` (scripts/bench-archive.ts; issue 18). Each archive is generated by',
    'scripts/synthetic-site.ts (made-up stories over the real sections, authors and photos, published over the',
    'year before 2026-11-25) into a temporary content folder, and the production server (`npm start`) runs on it.',
    'All requests go over loopback from this machine, which the server, wrk and the benchmark share.',
    '',
    machine(),
    '',
    '## How it is measured',
    '',
    '- **Start**: from the spawn of the server until its first 200 for `/` (and until it prints that it is ready);',
    '  the archive was just written, so its files are in the page cache. The restart is a second start on the same',
    '  archive after the load phases.',
    '- **Memory**: resident set of the server process (/proc), after start and three searches, after the read phases,',
    '  and its peak (VmHWM).',
    `- **First render**: ${FIRST_RENDERS} stories from the older half of the archive, never requested before, one at a time.`,
    `- **Publish to live**: ${NEW_STORIES} new stories, ${EDITS} headline edits of older stories and ${WITHDRAWALS} withdrawals, each saved as a`,
    '  temporary file renamed into the content folder; time from the rename until every page named shows the change',
    `  (polled every 10 ms; a change not live after ${TIMEOUT_S} s ends that kind).`,
    `- **All-uncached renders**: wrk, ${UNCACHED_CONNECTIONS} connections, ${LOAD_SECONDS} s, every request a different story never requested before.`,
    `- **Skewed reads**: wrk, ${READ_CONNECTIONS} connections, ${LOAD_SECONDS} s (after a ${Math.min(5, LOAD_SECONDS)} s warm-up): 10 % the home page, 10 % a section`,
    '  front, 80 % a story drawn Zipf-style (s = 1) over the archive newest first (the newest 1 % of 10,000 stories get',
    '  half the story reads; every story can be drawn). With edits: the same load while the benchmark rewrites one',
    `  story's headline every ${EDIT_EVERY_MS / 1000} s, alternating between the 50 newest stories and old ones.`,
    `  Requests slower than ${WRK_TIMEOUT_S} s count as socket errors, not in the latencies. Every wrk request carries a`,
    '  browser\'s `Accept-Encoding: gzip, deflate, br` (the figures before 2026-12-02 23:00 asked for uncompressed pages).',
    '- **PostgreSQL**: `npm run cluster`\'s set-up (scripts/cluster-lib.ts: PostgreSQL, Redis, nginx, 2 instances) over',
    '  the same generated archive; once one instance has ranked the related stories for the store, each instance is',
    '  restarted in turn, the next once the first answers a search (every story read, as a rolling restart waits); then',
    `  ${PG_PUBLISHES} publishes with \`npm run publish\`, timed from its start until both instances show the story on the home`,
    '  page and at its URL.',
    '',
    'Before: measured before the content-layer redesign on this 2-core machine (folder store; PostgreSQL over',
    '10,000 stories with 2 instances). Targets from issue 18 apply at 10,000 and 100,000 stories (PostgreSQL at 250,000).',
    '',
    ...folder.flatMap(folderSection),
    ...postgres.flatMap(postgresSection),
  ].join('\n');
}

/**
 * The new report, with the sections of the stores and sizes this run did not measure kept from
 * the previous one (each names its own commit), so measuring one store does not erase the other's figures.
 */
function withSectionsNotMeasured(text: string, previous: string): string {
  const isStoreSection = (chunk: string) => chunk.startsWith('## Folder store') || chunk.startsWith('## PostgreSQL');
  const heading = (chunk: string) => chunk.slice(0, chunk.indexOf('\n'));
  const chunks = text.split(/\n(?=## )/);
  const sections = new Map(previous.split(/\n(?=## )/).filter(isStoreSection).map((chunk) => [heading(chunk), chunk.trimEnd()]));
  for (const chunk of chunks.filter(isStoreSection)) sections.set(heading(chunk), chunk.trimEnd());
  return `${[...chunks.filter((chunk) => !isStoreSection(chunk)).map((chunk) => chunk.trimEnd()), ...sections.values()].join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!SIZES.length && !PG_SIZES.length) throw new Error('nothing to measure: give --sizes and/or --pg-sizes');
  if (SIZES.length) ensureWrk();
  ensureBuild();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-archive-'));
  const removeTmp = track(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const folder: FolderResult[] = [];
  const postgres: PostgresResult[] = [];
  try {
    for (const size of SIZES) folder.push(await measureFolder(size, tmp));
    for (const size of PG_SIZES) postgres.push(await measurePostgres(size, tmp));
  } finally {
    await removeTmp();
  }
  const text = report(folder, postgres);
  console.log(`\n${text}`);
  if (process.argv.includes('--write')) {
    const out = path.join(root, 'docs', 'benchmarks', 'archive-scale.md');
    // The written reading of the figures (from its heading on) is kept: only a person updates it.
    const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    const reading = previous.indexOf(`\n${READING_HEADING}\n`);
    const figures = withSectionsNotMeasured(text, reading === -1 ? previous : previous.slice(0, reading));
    fs.writeFileSync(out, `${figures}${reading === -1 ? '' : previous.slice(reading)}`);
    console.log(`written to ${path.relative(root, out)}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
