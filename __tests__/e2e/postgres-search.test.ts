import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool, type PoolClient } from 'pg';
import { validateContent } from '@/lib/content/catalogue';
import { readContentFolder } from '@/lib/content/load';
import { getContent } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';
import { migrate } from '@/lib/store/migrate';
import { loadFolder } from '@/lib/store/postgres';
import { PostgresSearchEngine, SEARCH_CONNECTION_OPTIONS } from '@/lib/search/postgres-engine';
import { indexForSearch } from '@/lib/search/postgres-index';
import { parseQuery } from '@/lib/search/query';
import { ensurePackages, startPostgres, type Postgres } from '@/scripts/services';
import { makeArticle } from '../helpers/articles';
import { describeRelevance, describeSearchEngine } from '../helpers/search-engine-contract';
import { within } from './helpers/live-site';
import { describeSearchPages, resultPaths } from './helpers/search-pages';
import { isoFromNow, runPublish, storyText } from './helpers/stores';
import { siteBuild, startSite } from './setup/server';

/**
 * The PostgreSQL engine (DATABASE_URL) runs the tests the embedded engine runs: the engine
 * contract and the relevance set on the engine itself, the search page over HTTP against
 * `npm start` on the store; and what only a shared store has to prove: a story published,
 * edited, withdrawn, drafted or embargoed through `npm run publish` is found, or not, within 2 s.
 */
const root = path.resolve(__dirname, '..', '..');
const photosDir = path.join(root, 'content', 'photos');
const LIVE_WITHIN_MS = 2_000;

let dir: string;
let postgres: Postgres;
let pool: Pool;

beforeAll(async () => {
  ensurePackages();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-search-test-'));
  postgres = await startPostgres(dir);
  pool = new Pool({ connectionString: postgres.url, options: SEARCH_CONNECTION_OPTIONS, max: 2 });
  await migrate(pool, undefined, () => undefined);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  try {
    postgres?.stop();
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** An index of exactly these articles, as the publish transactions would leave it. */
async function engineOver(articles: Article[]) {
  let current = new Map(articles.map((article) => [article.path, article]));
  await indexForSearch(pool, articles, { replaceAll: true });
  const engine = new PostgresSearchEngine(pool, (section, slug) => current.get(`/${section}/${slug}`));
  return {
    engine,
    async update(next: Article[]) {
      // What publish transactions write: new and edited stories, and those gone withdrawn.
      const gone = [...current.values()].filter((article) => !next.some((n) => n.path === article.path)).map((article) => ({ ...article, status: 'withdrawn' as const }));
      await indexForSearch(pool, [...next, ...gone]);
      current = new Map(next.map((article) => [article.path, article]));
    },
  };
}

describeSearchEngine('PostgresSearchEngine', engineOver);

describe('PostgresSearchEngine over the site’s own content', () => {
  const content = getContent();
  let engine: PostgresSearchEngine;
  beforeAll(async () => {
    ({ engine } = await engineOver(content.articles));
  });
  describeRelevance('PostgresSearchEngine', () => content.articles, () => engine);

  it('never lists an embargoed story before its time, nor a draft', async () => {
    const [stored] = content.articles;
    // A stored article inherits its body getter, which a spread leaves behind.
    const story = { ...stored, body: stored.body };
    const scheduled = { ...story, slug: 'scheduled-aurora', path: `/${story.section}/scheduled-aurora`, headline: 'Zanzibar aurora', publishedTime: Date.now() + 3_600_000 };
    const draft = { ...story, slug: 'draft-aurora', path: `/${story.section}/draft-aurora`, headline: 'Zanzibar aurora draft', status: 'draft' as const };
    await indexForSearch(pool, [scheduled, draft]);
    const lookup = new Map([scheduled, draft].map((article) => [article.path, article]));
    const probe = new PostgresSearchEngine(pool, (section, slug) => lookup.get(`/${section}/${slug}`));
    const request = (now: number) => probe.search({ query: parseQuery('zanzibar'), filters: {}, sort: 'relevance', page: 1, pageSize: 10, now });
    expect((await request(Date.now())).total).toBe(0);
    expect((await request(Date.now() + 7_200_000)).hits.map((hit) => hit.article.slug)).toEqual(['scheduled-aurora']);
  });
});

describe('PostgresSearchEngine and an instance a moment behind the store', () => {
  it('leaves out, and does not count, a story the instance does not show yet', async () => {
    const shown = makeArticle('shown-okapi', { headline: 'Okapi calf born at the reserve' });
    const pending = makeArticle('pending-okapi', { headline: 'Okapi tracks found in the forest' });
    await indexForSearch(pool, [shown, pending], { replaceAll: true });
    const engine = new PostgresSearchEngine(pool, (section, slug) => (slug === shown.slug ? shown : undefined));
    const results = await engine.search({ query: parseQuery('okapi'), filters: {}, sort: 'relevance', page: 1, pageSize: 10, now: Date.now() });
    expect({ total: results.total, slugs: results.hits.map((hit) => hit.article.slug) }).toEqual({ total: 1, slugs: ['shown-okapi'] });
  });

  it('reads the hits it does not hold yet (a start in parts) before it looks them up', async () => {
    const held = new Map<string, Article>();
    const asked: string[][] = [];
    const stored = new Map([makeArticle('held-okapi', { headline: 'Okapi calf born at the reserve' }), makeArticle('archived-okapi', { headline: 'Okapi tracks found in the forest' })].map((article) => [article.slug, article]));
    await indexForSearch(pool, [...stored.values()], { replaceAll: true });
    held.set('held-okapi', stored.get('held-okapi')!);
    const engine = new PostgresSearchEngine(
      pool,
      (section, slug) => held.get(slug),
      async (slugs) => {
        asked.push([...slugs].sort());
        for (const slug of slugs) held.set(slug, stored.get(slug)!);
      },
    );
    const results = await engine.search({ query: parseQuery('okapi'), filters: {}, sort: 'relevance', page: 1, pageSize: 10, now: Date.now() });
    expect({ total: results.total, slugs: results.hits.map((hit) => hit.article.slug).sort(), asked }).toEqual({ total: 2, slugs: ['archived-okapi', 'held-okapi'], asked: [['archived-okapi', 'held-okapi']] });
  });
});

describe('the search page on PostgreSQL, against npm start', () => {
  let server: import('node:child_process').ChildProcess | undefined;
  let origin = '';
  let storeEnv: Record<string, string>;

  beforeAll(async () => {
    await loadFolder(pool, { contentDir: path.join(root, 'content'), photosDir });
    storeEnv = { DATABASE_URL: postgres.url, PHOTOS_DIR: photosDir, CONTENT_POLL_SECONDS: '2' };
    ({ baseUrl: origin, server } = await startSite(siteBuild(process.env.E2E_DIST_DIR ?? '.next-e2e', storeEnv)));
  }, 120_000);
  afterAll(() => void server?.kill('SIGTERM'));

  describeSearchPages('PostgreSQL engine', () => origin);

  it('has, after a full load, the vocabulary that indexing every story at once gives (written once, not per batch)', async () => {
    const vocabulary = async (db: Pool | PoolClient) => (await db.query<{ word: string; stories: number }>('SELECT word, stories FROM search_words ORDER BY word')).rows;
    const loaded = await vocabulary(pool);
    expect(loaded.length).toBeGreaterThan(500);
    const { articles } = validateContent(readContentFolder(path.join(root, 'content')), photosDir).content;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await indexForSearch(client, articles, { replaceAll: true });
      expect(await vocabulary(client)).toEqual(loaded);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  const found = async (q: string) => resultPaths(await (await fetch(`${origin}/search?${new URLSearchParams({ q })}`)).text());
  const publish = async (slug: string, fields: Record<string, unknown>) => {
    const file = path.join(dir, `${slug}.md`);
    fs.writeFileSync(file, storyText(slug, fields));
    expect(await runPublish([file], storeEnv)).toMatchObject({ code: 0 });
  };

  it('finds a published story within 2 s, then its edit, and no longer finds it once withdrawn', async () => {
    const slug = 'search-live-story';
    await publish(slug, { headline: 'Quokka census counts record numbers' });
    expect(await within(LIVE_WITHIN_MS, async () => (await found('quokka')).includes(`/science/${slug}`))).toBeLessThan(LIVE_WITHIN_MS);

    await publish(slug, { headline: 'Wombat census counts record numbers' });
    expect(await within(LIVE_WITHIN_MS, async () => (await found('wombat')).includes(`/science/${slug}`))).toBeLessThan(LIVE_WITHIN_MS);
    expect(await found('quokka')).toEqual([]);

    expect(await runPublish(['--withdraw', slug, '--reason', 'Withdrawn by the search test.'], storeEnv)).toMatchObject({ code: 0 });
    expect(await within(LIVE_WITHIN_MS, async () => (await found('wombat')).length === 0)).toBeLessThan(LIVE_WITHIN_MS);
  });

  it('never finds a draft or an embargoed story, and finds the embargoed one once its time comes', async () => {
    await publish('search-draft-story', { headline: 'Narwhal sighting draft', status: 'draft' });
    // Far enough ahead that two publishes (each a process start) end well before it, on a busy machine too.
    await publish('search-embargoed-story', { headline: 'Narwhal sighting embargoed', published: isoFromNow(12_000) });
    // Both are in the store now: a search that could see them would have by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await found('narwhal')).toEqual([]);
    expect(await within(16_000, async () => (await found('narwhal')).includes('/science/search-embargoed-story'))).toBeLessThan(16_000);
    expect(await found('narwhal')).toEqual(['/science/search-embargoed-story']);
  });

  it('is rebuilt from the stored content by npm run db:migrate -- --reindex-search, as for a store from before search', async () => {
    await pool.query('TRUNCATE search_documents, search_words');
    expect(await found('ladybird')).toEqual([]);
    const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'db-migrate.ts'), '--reindex-search'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...storeEnv },
    });
    expect(output).toMatch(/db: search index rebuilt: \d+ stories/);
    expect(await found('ladybird')).toEqual(['/science/garden-insect-count-finds-ladybirds-rebounding']);
  });
});
