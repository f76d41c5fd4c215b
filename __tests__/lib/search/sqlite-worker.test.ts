import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Article } from '@/lib/content/types';
import type { SearchRequest } from '@/lib/search/engine';
import { parseQuery } from '@/lib/search/query';
import { startIndexWorker } from '@/lib/search/index-worker-start';
import { SqliteSearchEngine } from '@/lib/search/sqlite-engine';
import { makeArticle } from '../../helpers/articles';
import { describeSearchEngine } from '../../helpers/search-engine-contract';

/**
 * The embedded index written by its worker thread (lib/search/index-worker.ts): the serving
 * thread hands over what changed, never a body; the worker reads each body from the content
 * folder. Articles here are files in a temporary content folder, their `body` a getter that
 * reads the file, as on the folder default, and that fails while a sync runs.
 */

jest.setTimeout(30_000);

let dir: string;
let contentDir: string;
let file: string;
const open: SqliteSearchEngine[] = [];
const track = (engine: SqliteSearchEngine) => (open.push(engine), engine);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-search-worker-'));
  contentDir = path.join(dir, 'content');
  file = path.join(dir, 'index', 'search.sqlite');
});
afterEach(() => {
  for (const engine of open.splice(0)) engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Counts of `body` reads, and whether they are refused (during a sync). */
const bodies = { reads: 0, refused: false };

/** The article's file written in the content folder; its `body` read from the file, as the content layer does. */
function onDisk(article: Article): Article {
  const absolute = path.join(contentDir, article.sourceFile);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, `---\nheadline: ${JSON.stringify(article.headline)}\nrevision: ${article.revision}\n---\n${article.body}\n`);
  const { body: _body, ...rest } = article;
  return Object.defineProperty(rest, 'body', {
    enumerable: true,
    get() {
      if (bodies.refused) throw new Error(`the serving thread read the body of ${article.slug} during a sync`);
      bodies.reads++;
      return fs.readFileSync(absolute, 'utf8').split('\n---\n')[1].trim();
    },
  }) as Article;
}

/** A sync with every `body` read refused. */
async function syncWithoutBodies(engine: SqliteSearchEngine, articles: readonly Article[]) {
  bodies.refused = true;
  try {
    return await engine.sync(articles);
  } finally {
    bodies.refused = false;
  }
}

const inWorker = (file_ = file) => {
  const engine = track(SqliteSearchEngine.open(file_, { contentDir, startWorker: startIndexWorker }));
  expect(engine.indexesInWorker).toBe(true);
  return engine;
};

describeSearchEngine('SqliteSearchEngine through its worker', async (articles) => {
  const engine = inWorker(path.join(dir, 'index', `search-${open.length}.sqlite`));
  await syncWithoutBodies(engine, articles.map(onDisk));
  return { engine, update: async (next) => void (await syncWithoutBodies(engine, next.map(onDisk))) };
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FILLER = 'Officials said more details would follow later in the day.';
const NOW = Date.parse('2026-11-20T12:00:00Z');
const request = (q: string, sort: SearchRequest['sort'] = 'relevance'): SearchRequest => ({ query: parseQuery(q), filters: {}, sort, page: 1, pageSize: 10, now: NOW });
const slugs = async (engine: SqliteSearchEngine, q: string) => (await engine.search(request(q))).hits.map((hit) => hit.article.slug);

const WORDS = ['harbour', 'lighthouse', 'ferry', 'storm', 'tide', 'keeper', 'fishing', 'coast', 'island', 'bridge', 'market', 'council', 'school', 'river', 'museum'];
/** Stories with different mixes of a few words, in every field. */
const generated = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    makeArticle(`story-${i}`, {
      headline: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} report ${i}`,
      standfirst: `About the ${WORDS[(i * 3) % WORDS.length]}.`,
      tags: [WORDS[(i * 5) % WORDS.length]],
      body: `${WORDS[(i * 11) % WORDS.length]} and the ${WORDS[(i * 13) % WORDS.length]} “quoted” ${i}. ${FILLER}`,
      day: -(i % 30),
    }),
  );

const edition = () => [
  makeArticle('kept', { headline: 'Lighthouse keepers', body: FILLER }),
  makeArticle('edited', { headline: 'Draft headline', body: FILLER }),
  makeArticle('withdrawn', { headline: 'Withdrawn story', body: `Gone tomorrow. ${FILLER}` }),
];
const nextEdition = (): Article[] => {
  const [kept, edited] = edition();
  return [kept, { ...edited, headline: 'Corrected headline', revision: 'r-edited-2' }, makeArticle('published', { headline: 'Fresh story', body: FILLER })];
};

describe('SqliteSearchEngine: indexing in a worker thread', () => {
  it('finds what indexing on the serving thread finds, without reading a body on the serving thread', async () => {
    const articles = generated(300);
    const inline = track(await SqliteSearchEngine.of(articles));
    expect(inline.indexesInWorker).toBe(false);
    const worker = inWorker();
    bodies.reads = 0;
    expect(await syncWithoutBodies(worker, articles.map(onDisk))).toEqual({ added: 300, updated: 0, removed: 0, unchanged: 0 });
    expect(bodies.reads).toBe(0);
    expect(worker.size).toBe(300);
    for (const q of ['harbour', 'lighthouse storm', '"quoted"', 'ferry -tide', 'museum', 'keeper report', 'islend', 'brige', 'council 42']) {
      for (const sort of ['relevance', 'newest'] as const) {
        const [a, b] = [await inline.search(request(q, sort)), await worker.search(request(q, sort))];
        expect(b.hits.map((hit) => hit.article.slug)).toEqual(a.hits.map((hit) => hit.article.slug));
        expect(b.hits.map((hit) => hit.snippet)).toEqual(a.hits.map((hit) => hit.snippet));
        expect(b).toMatchObject({ total: a.total, correction: a.correction, suggestion: a.suggestion, partial: a.partial });
      }
    }
  });

  it('writes only new and edited stories, removes withdrawn ones, and after a restart indexes only what changed', async () => {
    const first = inWorker();
    await syncWithoutBodies(first, edition().map(onDisk));
    expect(await slugs(first, 'gone')).toEqual(['withdrawn']);
    const next = nextEdition().map(onDisk);
    expect(await syncWithoutBodies(first, next)).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(await slugs(first, 'gone')).toEqual([]);
    expect(await slugs(first, 'corrected')).toEqual(['edited']);
    first.close();

    const restarted = inWorker();
    expect(await syncWithoutBodies(restarted, next)).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
    const later = [...next.slice(1), onDisk(makeArticle('late', { headline: 'Late story', body: `Ferry timetable. ${FILLER}` }))];
    expect(await syncWithoutBodies(restarted, later)).toEqual({ added: 1, updated: 0, removed: 1, unchanged: 2 });
    expect(await slugs(restarted, 'timetable')).toEqual(['late']);
    expect(await slugs(restarted, 'lighthouse')).toEqual([]);
    // The vocabulary follows: a withdrawn story's words are not offered, new ones are.
    expect((await restarted.search(request('tymetable'))).correction).toBe('timetable');
  });

  it('answers a search during a large first build from what is written so far, without waiting for the build', async () => {
    const generatedArticles = generated(3000);
    const withHarbour = generatedArticles.filter((a) => /harbour/.test(`${a.headline} ${a.standfirst} ${a.tags[0].name} ${a.body}`)).length;
    const articles = generatedArticles.map(onDisk);
    const engine = inWorker();
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    let done = false;
    bodies.refused = true;
    const syncing = engine.sync(articles).then(() => (done = true));
    try {
      // Wait for a first batch to be committed, then search while the build goes on.
      while (!done && engine.size === 0) await sleep(5);
      const started = performance.now();
      // The search reads its hits' bodies (snippets), on this thread.
      bodies.refused = false;
      const early = await engine.search({ ...request('harbour'), pageSize: 1, sort: 'newest' });
      bodies.refused = true;
      expect(performance.now() - started).toBeLessThan(1000);
      expect(done).toBe(false);
      expect(early.total).toBeGreaterThan(0);
      expect(early.total).toBeLessThan(withHarbour);
      await syncing;
    } finally {
      bodies.refused = false;
      clearInterval(timer);
    }
    // The event loop kept turning during the build.
    expect(turns).toBeGreaterThan(10);
    expect((await engine.search(request('harbour'))).total).toBe(withHarbour);
  });

  it('takes a publish during a build ahead of the rest of the build', async () => {
    const articles = generated(3000).map(onDisk);
    const engine = inWorker();
    const building = engine.sync(articles);
    while (engine.size === 0) await sleep(5);
    const breaking = onDisk(makeArticle('breaking', { headline: 'Breaking: the bridge reopens', body: FILLER, day: 1 }));
    const published = performance.now();
    void engine.sync([breaking, ...articles]);
    let found: string[] = [];
    while (performance.now() - published < 10_000 && (found = await slugs(engine, 'breaking')).length === 0) await sleep(10);
    expect(found).toEqual(['breaking']);
    // Found before the build ended.
    expect(engine.size).toBeLessThan(3001);
    await building;
    expect(engine.size).toBe(3001);
  });

  it('is shared by two servers on the same folder: each notices the other’s writes and brings the file back to its own content', async () => {
    const a = inWorker();
    await syncWithoutBodies(a, nextEdition().map(onDisk));
    const b = inWorker();
    // B, a version behind, writes the older edition over A's.
    expect(await syncWithoutBodies(b, edition().map(onDisk))).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(await slugs(b, 'gone')).toEqual(['withdrawn']);
    // A notices before its next search, and writes its own content back.
    expect(await slugs(a, 'corrected')).toEqual(['edited']);
    expect(await slugs(a, 'gone')).toEqual([]);
    expect(await slugs(a, 'fresh')).toEqual(['published']);
  });

  it('keeps the file in WAL mode, so that the serving thread reads while the worker writes', async () => {
    const engine = inWorker();
    await engine.sync(edition().map(onDisk));
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('goes on indexing on the serving thread, with a warning, when the worker stops', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const engine = inWorker();
    await engine.sync(edition().map(onDisk));
    // The worker stops, as it would after running out of memory.
    await (engine as unknown as { worker: { worker: Worker } }).worker.worker.terminate();
    expect(await engine.sync(nextEdition().map(onDisk))).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(engine.indexesInWorker).toBe(false);
    expect(await slugs(engine, 'fresh')).toEqual(['published']);
    expect(await slugs(engine, 'gone')).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/indexing on the serving thread/));
    warn.mockRestore();
  });

  it('has the worker replace a file found damaged in use, and indexes every story again', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const engine = inWorker();
    const articles = edition().map(onDisk);
    await engine.sync(articles);
    const damaged = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    await (engine as unknown as { replace: (error: Error) => Promise<void> }).replace(damaged);
    expect(engine.size).toBe(0);
    expect(await syncWithoutBodies(engine, articles)).toEqual({ added: 3, updated: 0, removed: 0, unchanged: 0 });
    expect(engine.indexesInWorker).toBe(true);
    expect(await slugs(engine, 'lighthouse')).toEqual(['kept']);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/rebuilding it from the content/));
    error.mockRestore();
  });
});
