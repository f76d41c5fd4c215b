import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Article } from '@/lib/content/types';
import type { SearchRequest } from '@/lib/search/engine';
import { parseQuery } from '@/lib/search/query';
import { SqliteSearchEngine } from '@/lib/search/sqlite-engine';
import { SCHEMA_VERSION } from '@/lib/search/sqlite-index';
import { makeArticle } from '../../helpers/articles';
import { describeSearchEngine } from '../../helpers/search-engine-contract';

const open: SqliteSearchEngine[] = [];
const track = (engine: SqliteSearchEngine) => (open.push(engine), engine);
afterEach(() => {
  for (const engine of open.splice(0)) engine.close();
});

describeSearchEngine('SqliteSearchEngine', async (articles) => {
  const engine = track(await SqliteSearchEngine.of(articles));
  return { engine, update: async (next) => void (await engine.sync(next)) };
});

const FILLER = 'Officials said more details would follow later in the day.';
const request = (q: string): SearchRequest => ({ query: parseQuery(q), filters: {}, sort: 'relevance', page: 1, pageSize: 10, now: Date.parse('2026-11-20T12:00:00Z') });
const slugs = async (engine: SqliteSearchEngine, q: string) => (await engine.search(request(q))).hits.map((hit) => hit.article.slug);

const edition = () => [
  makeArticle('kept', { headline: 'Lighthouse keepers', body: FILLER }),
  makeArticle('edited', { headline: 'Draft headline', body: FILLER }),
  makeArticle('withdrawn', { headline: 'Withdrawn story', body: FILLER }),
];
const nextEdition = (): Article[] => {
  const [kept, edited] = edition();
  return [kept, { ...edited, headline: 'Corrected headline', revision: 'r-edited-2' }, makeArticle('published', { headline: 'Fresh story', body: FILLER })];
};

describe('SqliteSearchEngine.sync', () => {
  it('writes only new and edited stories, removes gone ones, and hands out the current articles', async () => {
    const engine = track(await SqliteSearchEngine.of(edition()));
    const next = nextEdition();
    expect(await engine.sync(next)).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(await engine.sync(next)).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(engine.size).toBe(3);
    // The hit is the current repository's article object, not the one first indexed.
    const { hits } = await engine.search(request('lighthouse'));
    expect(hits[0].article).toBe(next[0]);
  });

  it('syncs a change to a 2,000-story index well within 2 s', async () => {
    const articles = Array.from({ length: 2000 }, (_, i) => makeArticle(`story-${i}`, { headline: `Story number ${i}`, body: `${FILLER} ${i}` }));
    const engine = track(await SqliteSearchEngine.of(articles));
    const changed = [...articles.slice(1), makeArticle('breaking', { headline: 'Breaking news', body: FILLER })];
    const start = performance.now();
    await engine.sync(changed);
    expect(await slugs(engine, 'breaking')).toEqual(['breaking']);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('indexes a large change in slices, leaving the event loop free, and answers searches meanwhile from the index as it stands', async () => {
    const articles = Array.from({ length: 3000 }, (_, i) => makeArticle(`story-${i}`, { headline: `Harbour story ${i}`, body: `${FILLER} ${i}` }));
    const engine = track(SqliteSearchEngine.open(':memory:'));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let done = false;
    const syncing = engine.sync(articles).then(() => (done = true));
    const early = await engine.search(request('harbour'));
    expect(done).toBe(false);
    // Newest first: the first stories indexed are the first of the list.
    expect(early.hits[0]?.article.slug).toBe('story-0');
    await syncing;
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect((await engine.search(request('harbour'))).total).toBe(3000);
  });
});

describe('SqliteSearchEngine: ranking', () => {
  it('ranks and counts alike whether SQLite pages the matches or they are read and checked one by one', async () => {
    const articles = Array.from({ length: 30 }, (_, i) =>
      makeArticle(`kite-${i}`, {
        headline: i % 3 === 0 ? 'Paper kites over the bay' : `Story ${i}`,
        body: `${'Paper kites fly. '.repeat(1 + (i % 4))}${FILLER}`,
        day: -((i * 7) % 40),
      }),
    );
    const engine = track(await SqliteSearchEngine.of(articles));
    for (const sort of ['relevance', 'newest'] as const) {
      for (const page of [1, 2, 3, 9]) {
        const inSql = await engine.search({ ...request('paper kites'), sort, page });
        // An excluded phrase of stop words only cannot be looked up in the index: every match is checked.
        const inJs = await engine.search({ ...request('paper kites -"to be"'), sort, page });
        expect(inJs.total).toBe(30);
        expect(inJs.hits.map((hit) => hit.article.slug)).toEqual(inSql.hits.map((hit) => hit.article.slug));
        expect(inJs).toMatchObject({ total: inSql.total, page: inSql.page, totalPages: inSql.totalPages });
      }
    }
  });
});

describe('SqliteSearchEngine: the index file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-search-index-'));
    file = path.join(dir, 'nested', 'search.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created with its folder, and reused after a restart: only what changed meanwhile is indexed', async () => {
    const first = await SqliteSearchEngine.of(edition(), file);
    first.close();
    expect(fs.existsSync(file)).toBe(true);

    const unchanged = track(SqliteSearchEngine.open(file));
    expect(await unchanged.sync(edition())).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(await slugs(unchanged, 'withdrawn')).toEqual(['withdrawn']);
    unchanged.close();
    open.length = 0;

    const restarted = track(SqliteSearchEngine.open(file));
    expect(await restarted.sync(nextEdition())).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(await slugs(restarted, 'corrected')).toEqual(['edited']);
    expect(await slugs(restarted, 'withdrawn')).toEqual([]);
    expect((await restarted.search(request('withdrawm'))).correction).toBeUndefined();
  });

  it('replaces a file that is not a database, or one of another schema version, and indexes every story again', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not a database '.repeat(1000));
    const fromGarbage = track(SqliteSearchEngine.open(file));
    expect(await fromGarbage.sync(edition())).toMatchObject({ added: 3 });
    fromGarbage.close();
    open.length = 0;

    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const fromOldVersion = track(SqliteSearchEngine.open(file));
    expect(await fromOldVersion.sync(edition())).toMatchObject({ added: 3 });
    expect(await slugs(fromOldVersion, 'lighthouse')).toEqual(['kept']);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('refuses to replace a database that is not a search index', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.exec('CREATE TABLE precious (x)');
    db.close();
    expect(() => SqliteSearchEngine.open(file)).toThrow(/not a NewsBite search index/);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('is shared by two servers on the same folder: the second finds the first one’s work done, and each searches its own content', async () => {
    const a = track(await SqliteSearchEngine.of(edition(), file));
    const b = track(SqliteSearchEngine.open(file));
    expect(await b.sync(edition())).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
    // A content change reaches server A first, then B, which finds it already indexed.
    await a.sync(nextEdition());
    expect(await b.sync(nextEdition())).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(await slugs(b, 'fresh')).toEqual(['published']);
    expect(await slugs(a, 'corrected')).toEqual(['edited']);
  });
});
