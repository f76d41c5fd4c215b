import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '@/lib/store/migrate';
import { listKeysOf, PUBLISHED_LIST } from '@/lib/content/content-index';
import { createRepository } from '@/lib/content/repository';
import { cropFileName } from '@/lib/content/photos';
import type { Article } from '@/lib/content/types';
import { checkStoredStories, loadFolder, postgresSource, PublishRefused } from '@/lib/store/postgres';
import { createPool } from '@/lib/store/postgres-connection';
import { ensurePackages, startPostgres, type Postgres } from '@/scripts/services';
import { request } from '../helpers/http';
import { within } from './helpers/live-site';
import { isoFromNow, runPublish, storyText } from './helpers/stores';
import { siteBuild, startSite } from './setup/server';

/**
 * PostgreSQL as the content store: the same content read from the folder and from the store
 * gives byte-identical responses; `npm run publish` is validated, transactional and reaches
 * every instance within 2 s; an unreachable store keeps the site serving and refuses publishes
 * clearly.
 */
const root = path.resolve(__dirname, '..', '..');
const distDir = process.env.E2E_DIST_DIR ?? '.next-e2e';
const photosDir = path.join(root, 'content', 'photos');
const LIVE_WITHIN_MS = 2_000;
const PUBLISH_TOKEN = 'store-test-publish-token';

let dir: string;
let postgres: Postgres;
let storeEnv: Record<string, string>;
const servers: { baseUrl: string; server: import('node:child_process').ChildProcess }[] = [];

beforeAll(async () => {
  ensurePackages();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-store-test-'));
  postgres = await startPostgres(dir);
  const pool = createPool(postgres.url, 1);
  await migrate(pool, undefined, () => undefined);
  await loadFolder(pool, { contentDir: path.join(root, 'content'), photosDir });
  await pool.end();
  storeEnv = { DATABASE_URL: postgres.url, PHOTOS_DIR: photosDir, CONTENT_POLL_SECONDS: '2', PUBLISH_TOKEN };
  // One server on the folder, two on the store (two instances of one deployment). The second
  // holds the store on demand (decision 48): its catalogue's budget is under the store's size.
  servers.push(await startSite(siteBuild(distDir, { CONTENT_DIR: path.join(root, 'content') })));
  servers.push(await startSite(siteBuild(distDir, storeEnv)));
  servers.push(await startSite(siteBuild(distDir, { ...storeEnv, CATALOGUE_MB: '0.01' })));
}, 180_000);

afterAll(() => {
  for (const { server } of servers) server.kill('SIGTERM');
  try {
    postgres?.stop();
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});

const get = (origin: string, target: string, headers: Record<string, string> = {}) => request(`${origin}${target}`, { 'user-agent': 'newsbite-e2e', ...headers });

/** Headers that differ between any two responses, or name the store. */
const VARIABLE_HEADERS = new Set(['date', 'connection', 'keep-alive']);
const headerLines = (raw: string[]) => raw.flatMap((name, i) => (i % 2 === 0 && !VARIABLE_HEADERS.has(name.toLowerCase()) ? [`${name}: ${raw[i + 1]}`] : []));

describe('the migrations', () => {
  it('are recorded and applied once', async () => {
    const pool = createPool(postgres.url, 1);
    try {
      expect(await migrate(pool, undefined, () => undefined)).toEqual([]);
    } finally {
      await pool.end();
    }
    expect((await query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((row) => row.name)).toEqual(['001_content.sql', '002_search.sql', '003_changes.sql', '004_live_entries.sql', '005_checked.sql', '006_related_picks.sql', '007_article_lists.sql', '008_hero_crops.sql', '009_former_lists.sql', '010_lists_changed.sql']);
    const indexes = (await query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'articles'")).map((row) => row.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['articles_slug', 'articles_front', 'articles_section_front', 'articles_hero_crop']));
  });
});

describe('a full load of a content folder', () => {
  it('refuses a folder with a broken story, naming its file and field, and writes nothing', async () => {
    const folder = path.join(dir, 'broken-folder');
    fs.cpSync(path.join(root, 'content'), folder, { recursive: true, filter: (source) => !source.includes(`${path.sep}photos`) });
    const [victim] = fs.readdirSync(path.join(folder, 'articles')).filter((name) => name.endsWith('.md'));
    const file = path.join(folder, 'articles', victim);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^section: .*$/m, 'section: no-such-section'));
    const before = await query<{ version: string; stories: string }>('SELECT version::text, (SELECT count(*) FROM articles)::text AS stories FROM content_version');
    const pool = createPool(postgres.url, 1);
    try {
      const refused = await loadFolder(pool, { contentDir: folder, photosDir }).catch((error: Error) => error);
      expect(refused).toBeInstanceOf(PublishRefused);
      expect((refused as Error).message).toContain(`articles/${victim}: section:`);
    } finally {
      await pool.end();
    }
    expect(await query('SELECT version::text, (SELECT count(*) FROM articles)::text AS stories FROM content_version')).toEqual(before);
  });
});

describe('the same content from the folder and from PostgreSQL', () => {
  it('gives byte-identical documents, headers included', async () => {
    const [folder, ...stores] = servers;
    const home = (await get(folder.baseUrl, '/')).body.toString();
    const articlePaths = [...new Set([...home.matchAll(/href="(\/[a-z]+\/[a-z0-9-]+)"/g)].map((m) => m[1]))].filter((p) => !p.startsWith('/tag/') && !p.startsWith('/author/')).slice(0, 4);
    expect(articlePaths.length).toBeGreaterThan(2);
    const targets = ['/', '/world', '/science', '/corrections', '/feed.xml', '/atom.xml', '/sitemap.xml', '/sitemaps/articles.xml', '/sitemaps/articles-2.xml', '/sitemaps/news.xml', '/author/mina-park', '/author/mina-park/page/2', '/tag/climate', '/tag/no-such-topic', '/world/page/2', '/world/no-such-story', ...articlePaths, `${articlePaths[0]}/photos/1`];
    for (const target of targets) {
      for (const encoding of ['identity', 'br']) {
        // Asked of each in turn (so that each has it in memory, X-Cache, or not alike), one at a time:
        // Next flushes a page's head at another point when renders overlap on this 2-core machine.
        const responses: Awaited<ReturnType<typeof get>>[] = [];
        for (const { baseUrl } of [folder, ...stores]) responses.push(await get(baseUrl, target, { 'accept-encoding': encoding }));
        const [a, ...answers] = responses;
        for (const [store, b] of answers.entries()) {
          expect([target, store, encoding, b.status]).toEqual([target, store, encoding, a.status]);
          expect([target, store, headerLines(b.rawHeaders)]).toEqual([target, store, headerLines(a.rawHeaders)]);
          expect([target, store, encoding, b.body.equals(a.body)]).toEqual([target, store, encoding, true]);
        }
      }
    }
    const page = (await get(folder.baseUrl, articlePaths[0])).body.toString();
    const card = /<meta property="og:image" content="https?:\/\/[^/]+([^"]+)"/.exec(page)![1];
    const crop = /\/crops\/16x9\/[a-z0-9._-]+\.jpg/.exec(page)![0];
    for (const [image, status] of [[card, 200], [crop, 200], ['/crops/16x9/no-such-photo.jpg', 404]] as const) {
      for (const store of stores) {
        const [a, b] = await Promise.all([get(folder.baseUrl, image), get(store.baseUrl, image)]);
        expect([image, a.status, b.status, b.body.equals(a.body)]).toEqual([image, status, status, true]);
      }
    }
  });
});

describe('npm run import:ninjs into PostgreSQL', () => {
  it('publishes a wire story as one transaction that reaches every instance within 2 s', async () => {
    const [, one, two] = servers;
    const versionBefore = await storeVersion();
    const cli = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/import-ninjs.ts', path.join(root, '__tests__', 'fixtures', 'ninjs', 'text-only.json')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...storeEnv, CONTENT_DIR: path.join(root, 'content') },
    });
    const [outcome, , storyPath] = cli.trim().split(' ');
    expect(outcome).toBe('imported');
    expect(Number(await storeVersion())).toBe(Number(versionBefore) + 1);
    for (const instance of [one, two]) {
      expect(await within(LIVE_WITHIN_MS, async () => (await get(instance.baseUrl, storyPath)).status === 200)).toBeLessThan(LIVE_WITHIN_MS);
    }
    // The folder deployment never saw it: the store is where it went.
    expect((await get(servers[0].baseUrl, storyPath)).status).toBe(404);
  });
});

describe('npm run publish into PostgreSQL', () => {
  const slug = 'store-published-story';
  const file = () => path.join(dir, `${slug}.md`);

  it('reaches every instance within 2 s', async () => {
    const [, one, two] = servers;
    expect((await get(one.baseUrl, `/science/${slug}`)).status).toBe(404);
    fs.writeFileSync(file(), storyText(slug, { headline: 'Published through the store' }));
    const result = await runPublish([file()], storeEnv);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`articles/${slug}.md`) });
    for (const instance of [one, two]) {
      const elapsed = await within(LIVE_WITHIN_MS, async () => (await get(instance.baseUrl, `/science/${slug}`)).status === 200);
      expect(elapsed).toBeLessThan(LIVE_WITHIN_MS);
    }
    expect((await get(two.baseUrl, '/')).body.toString()).toContain('Published through the store');
    // Both instances search the one index in the store: the same story, the same page.
    const [first, second] = await Promise.all([one, two].map(async (instance) => (await get(instance.baseUrl, '/search?q=published+through+store')).body.toString()));
    expect(first).toContain(`href="/science/${slug}"`);
    expect(second.replace(/nonce-[^'"]+|nonce="[^"]+"/g, '')).toBe(first.replace(/nonce-[^'"]+|nonce="[^"]+"/g, ''));
  });

  it('refuses an invalid article with the problem, as the site reports it, and writes nothing', async () => {
    const versionBefore = await storeVersion();
    const bad = path.join(dir, 'store-broken-story.md');
    fs.writeFileSync(bad, storyText('store-broken-story', { section: 'nowhere', related: ['no-such-slug'] }));
    const result = await runPublish([file(), bad], storeEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('articles/store-broken-story.md: section: "nowhere" is not a section in sections.yml');
    expect(result.stderr).toContain('nothing was published');
    expect(await storeVersion()).toBe(versionBefore);
    expect(await storedSlugs()).not.toContain('store-broken-story');
  });

  it('withdraws a story: 410 on every instance', async () => {
    const result = await runPublish(['--withdraw', slug, '--reason', 'Withdrawn by the store test.'], storeEnv);
    expect(result.code).toBe(0);
    for (const instance of servers.slice(1)) await within(LIVE_WITHIN_MS, async () => (await get(instance.baseUrl, `/science/${slug}`)).status === 410);
    expect((await get(servers[1].baseUrl, `/science/${slug}`)).body.toString()).toContain('Withdrawn by the store test.');
  });

  it('says clearly that the store is unreachable, loses nothing, and the instances keep serving then catch up', async () => {
    const [, one, two] = servers;
    const later = 'store-after-outage';
    fs.writeFileSync(path.join(dir, `${later}.md`), storyText(later, { headline: 'Published after the outage' }));
    postgres.stop();
    try {
      const refused = await runPublish([path.join(dir, `${later}.md`)], storeEnv);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/cannot reach PostgreSQL 127\.0\.0\.1:\d+\/newsbite .*nothing was published/);
      for (const instance of [one, two]) {
        for (const target of ['/', '/science', '/world/no-such-story']) expect((await get(instance.baseUrl, target)).status).toBeLessThan(500);
        expect((await get(instance.baseUrl, '/')).status).toBe(200);
        // Search needs the database: the page says so and offers the latest stories.
        const search = await get(instance.baseUrl, '/search?q=space');
        expect(search.status).toBe(200);
        expect(search.body.toString()).toContain('Search is not available just now.');
      }
    } finally {
      await postgres.start();
    }
    expect(await storedSlugs()).not.toContain(later);
    expect((await runPublish([path.join(dir, `${later}.md`)], storeEnv)).code).toBe(0);
    // The LISTEN connection was lost with the server: the reconnect and the version poll catch up.
    for (const instance of [one, two]) await within(5_000, async () => (await get(instance.baseUrl, `/science/${later}`)).status === 200);
  });
});

describe('live blog entries in PostgreSQL', () => {
  const blog = 'store-live-blog';
  const entryText = (fields: string, body: string) => `---\nposted: ${isoFromNow(-1_000)}\n${fields}---\n${body}\n`;

  it('publishes a blog and its entry files with npm run publish, as rows with per-document changes, on every instance', async () => {
    const [, one, two] = servers;
    const drafts = path.join(dir, 'live', blog);
    fs.mkdirSync(drafts, { recursive: true });
    fs.writeFileSync(path.join(dir, `${blog}.md`), storyText(blog, { headline: 'A live blog in the store', live: true }));
    fs.writeFileSync(path.join(drafts, 'first-from-cli.md'), entryText('title: From the command line\n', 'Published with **npm run publish**.'));
    const versionBefore = Number(await storeVersion());
    const result = await runPublish([path.join(dir, `${blog}.md`), path.join(drafts, 'first-from-cli.md')], storeEnv);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`articles/${blog}.md, live/${blog}/first-from-cli.md`) });
    expect(await query(`SELECT file, story, id FROM live_entries WHERE story = '${blog}'`)).toEqual([{ file: `live/${blog}/first-from-cli.md`, story: blog, id: 'first-from-cli' }]);
    expect(await query(`SELECT file FROM content_changes WHERE version = ${versionBefore + 1} ORDER BY file`)).toEqual([{ file: `articles/${blog}.md` }, { file: `live/${blog}/first-from-cli.md` }]);
    for (const instance of [one, two]) {
      await within(LIVE_WITHIN_MS, async () => (await get(instance.baseUrl, `/science/${blog}/updates/first-from-cli`)).status === 200);
    }
    expect((await get(two.baseUrl, `/science/${blog}/updates/first-from-cli`)).body.toString()).toContain('Published with <strong>npm run publish</strong>.');
  });

  it('refuses an invalid entry or one for a story that is not a live blog, writing nothing', async () => {
    const versionBefore = await storeVersion();
    const bad = path.join(dir, 'bad-entry.md');
    fs.writeFileSync(bad, entryText('authors: [nobody-in-store]\n', 'Who wrote this?'));
    const refused = await runPublish(['--live', blog, bad], storeEnv);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining(`live/${blog}/bad-entry.md: authors[0]: "nobody-in-store" has no file authors/nobody-in-store.md`)]);
    fs.writeFileSync(bad, entryText('', 'Not a blog.'));
    const ordinary = await runPublish(['--live', 'dscovr-watches-sunlit-earth-from-a-million-miles', bad], storeEnv);
    expect([ordinary.code, ordinary.stderr]).toEqual([1, expect.stringContaining('live/dscovr-watches-sunlit-earth-from-a-million-miles/bad-entry.md: folder: "dscovr-watches-sunlit-earth-from-a-million-miles" is not a live blog')]);
    expect(await storeVersion()).toBe(versionBefore);
  });

  it('takes entries through the endpoint: on the other instance within a second, deleted as a 410 everywhere', async () => {
    const [, one, two] = servers;
    const post = await fetch(`${one.baseUrl}/api/live/${blog}/entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PUBLISH_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Through the endpoint', body: 'Posted to **PostgreSQL**.' }),
    });
    expect(post.status).toBe(201);
    const { id, url } = await post.json();
    expect((await get(one.baseUrl, url)).status).toBe(200);
    expect(await within(1_000, async () => (await get(two.baseUrl, url)).status === 200)).toBeLessThan(1_000);
    const duplicate = await fetch(`${one.baseUrl}/api/live/${blog}/entries`, { method: 'POST', headers: { authorization: `Bearer ${PUBLISH_TOKEN}` }, body: JSON.stringify({ id, body: 'Again.' }) });
    expect(duplicate.status).toBe(409);
    const removed = await fetch(`${two.baseUrl}/api/live/${blog}/entries/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${PUBLISH_TOKEN}` } });
    expect(removed.status).toBe(200);
    expect((await query<{ source: string }>(`SELECT source FROM live_entries WHERE id = '${id}'`))[0].source).toMatch(/^status: deleted$/m);
    for (const instance of [one, two]) await within(1_000, async () => (await get(instance.baseUrl, url)).status === 410);
  });
});

describe('the change log', () => {
  it('records the files of each publish, and an instance reads only those, or everything after a full load', async () => {
    const source = postgresSource(postgres.url, photosDir);
    try {
      await source.read();
      expect(await source.changes!()).toMatchObject({ documents: [] });
      const slug = 'store-logged-story';
      fs.writeFileSync(path.join(dir, `${slug}.md`), storyText(slug, { headline: 'Logged by the store' }));
      expect((await runPublish([path.join(dir, `${slug}.md`)], storeEnv)).code).toBe(0);
      const changes = await source.changes!();
      // As its publish checked it: the instance does not parse it again.
      expect('documents' in changes && changes.documents.map((d) => [d.file, d.checked?.headline, d.text])).toEqual([[`articles/${slug}.md`, 'Logged by the store', undefined]]);
      expect(await query<{ file: string }>(`SELECT file FROM content_changes WHERE version = (SELECT version FROM content_version)`)).toEqual([{ file: `articles/${slug}.md` }]);
      // A log that does not reach back to the version held (pruned, or a full load): read it all.
      await query("INSERT INTO content_changes (version, file) SELECT version + 1, '*' FROM content_version; UPDATE content_version SET version = version + 1");
      expect('raw' in (await source.changes!())).toBe(true);
    } finally {
      await source.close!();
    }
  });

  it('hands instances each story as its publish checked it, without its body; a row from before that (migration 005) is parsed, and db:migrate fills it', async () => {
    const [row] = await query<{ file: string; checked: string; lede: string }>("SELECT file, checked, lede FROM articles WHERE status = 'published' ORDER BY file LIMIT 1");
    const article = JSON.parse(row.checked) as Article;
    expect(article).toMatchObject({ sourceFile: row.file, status: 'published' });
    expect(article.body).toBeUndefined();
    expect(row.lede.length).toBeGreaterThan(100);
    await query(`UPDATE articles SET checked = NULL, lede = NULL WHERE file = '${row.file}'`);
    const source = postgresSource(postgres.url, photosDir);
    try {
      const snapshot = await source.read();
      expect(snapshot.raw.articles.map((document) => document.file)).toEqual([row.file]);
      expect(snapshot.checked!.some((checked) => checked.sourceFile === row.file)).toBe(false);
      expect((await source.ledesOf!([row.file])).get(row.file)).toBe(row.lede);
      expect((await source.bodiesOf!([row.file])).get(row.file)!.startsWith(row.lede)).toBe(true);
    } finally {
      await source.close!();
    }
    const pool = createPool(postgres.url, 1);
    try {
      expect(await checkStoredStories(pool, photosDir)).toBe(1);
    } finally {
      await pool.end();
    }
    // Filled by the migration exactly as the load checked it.
    expect(await query(`SELECT checked, lede FROM articles WHERE file = '${row.file}'`)).toEqual([{ checked: row.checked, lede: row.lede }]);
  });

  it('publishes a story while another stored one is broken, and refuses one that takes another story\'s old URL', async () => {
    await query(`INSERT INTO articles (file, slug, section, status, published_at, source) VALUES ('articles/store-broken-row.md', 'store-broken-row', 'science', 'published', now(), '---\nheadline: [unclosed\n---\nBody.\n')`);
    try {
      const fine = 'store-despite-broken';
      fs.writeFileSync(path.join(dir, `${fine}.md`), storyText(fine, { aliases: ['/science/store-old-address'] }));
      expect((await runPublish([path.join(dir, `${fine}.md`)], storeEnv)).code).toBe(0);
      const thief = 'store-alias-thief';
      fs.writeFileSync(path.join(dir, `${thief}.md`), storyText(thief, { aliases: ['/science/store-old-address'] }));
      const refused = await runPublish([path.join(dir, `${thief}.md`)], storeEnv);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`articles/${thief}.md: aliases[0]: /science/store-old-address is the URL of articles/${fine}.md`);
      await within(LIVE_WITHIN_MS, async () => (await get(servers[1].baseUrl, '/science/store-old-address')).status === 308);
      expect((await get(servers[1].baseUrl, '/science/store-old-address')).headers.location).toBe(`/science/${fine}`);
    } finally {
      await query("DELETE FROM articles WHERE file = 'articles/store-broken-row.md'");
    }
  });
});

describe('lists kept by the store (decision 47)', () => {
  /** What article_lists should hold: the lists an instance's index would put each published story in, and its newest correction. */
  const expectedRows = async () => {
    const stories = (await query<{ checked: string }>("SELECT checked FROM articles WHERE status = 'published' AND checked IS NOT NULL")).map((row) => JSON.parse(row.checked) as Article);
    const rows = stories.flatMap((story) => [
      ...listKeysOf(story).map((list) => `${list} ${story.published} ${story.slug}`),
      ...(story.corrections.length ? [`corrections ${story.corrections.map((c) => new Date(c.date).getTime()).sort().at(-1)} ${story.slug}`] : []),
    ]);
    return rows.map((row) => row.replace(/ (\S+) /, (_, at: string) => ` ${new Date(/^\d+$/.test(at) ? Number(at) : at).toISOString()} `)).sort();
  };
  const storedRows = async () =>
    (await query<{ list: string; at: Date; slug: string }>('SELECT list, at, slug FROM article_lists')).map((row) => `${row.list} ${row.at.toISOString()} ${row.slug}`).sort();
  const listed = async (baseUrl: string, target: string) => {
    const response = await get(baseUrl, target);
    return response.status === 200 ? [...response.body.toString().matchAll(/href="(\/[^"]+)" class="card__link"/g)].map((m) => m[1]) : response.status;
  };

  it('hold every published story in the lists an instance would, kept by each publish; listing pages on every instance follow within 2 s', async () => {
    expect(await storedRows()).toEqual(await expectedRows());
    const slug = 'store-listed-story';
    const file = path.join(dir, `${slug}.md`);
    fs.writeFileSync(file, storyText(slug, { tags: ['Store Lists'] }));
    expect((await runPublish([file], storeEnv)).code).toBe(0);
    for (const { baseUrl } of servers.slice(1)) await within(LIVE_WITHIN_MS, async () => (await listed(baseUrl, '/tag/store-lists')).toString() === `/science/${slug}`);
    // Moved to another section and topic: its rows move, and the pages that listed it (cached since) follow.
    fs.writeFileSync(file, storyText(slug, { section: 'world', tags: ['Store Lists Moved'], corrections: [{ date: isoFromNow(-1_000), text: 'A correction.' }] }));
    expect((await runPublish([file], storeEnv)).code).toBe(0);
    expect((await storedRows()).filter((row) => row.startsWith('corrections '))).toEqual([expect.stringMatching(new RegExp(` ${slug}$`))]);
    // The change log keeps the lists it left, for an instance that does not hold it (decision 48).
    const [logged] = await query<{ lists: string[] }>(`SELECT lists FROM content_changes WHERE file = 'articles/${slug}.md' ORDER BY version DESC LIMIT 1`);
    expect([...logged.lists].sort()).toEqual(['author:mina-park', 'published', 'section:science', 'tag:store-lists']);
    expect(await storedRows()).toEqual(await expectedRows());
    for (const { baseUrl } of servers.slice(1)) {
      await within(LIVE_WITHIN_MS, async () => (await listed(baseUrl, '/tag/store-lists')) === 404);
      expect((await listed(baseUrl, '/tag/store-lists-moved')).toString()).toBe(`/world/${slug}`);
      expect((await listed(baseUrl, '/world'))).toContain(`/world/${slug}`);
      expect((await get(baseUrl, '/corrections')).body.toString()).toContain(`href="/world/${slug}"`);
    }
    expect((await runPublish(['--withdraw', slug, '--reason', 'Withdrawn by the lists test.'], storeEnv)).code).toBe(0);
    expect((await storedRows()).filter((row) => row.endsWith(` ${slug}`))).toEqual([]);
    for (const { baseUrl } of servers.slice(1)) await within(LIVE_WITHIN_MS, async () => (await listed(baseUrl, '/tag/store-lists-moved')) === 404);
  });

  it('answer pages, sitemap parts and their dates as an instance answers them from its own lists', async () => {
    const source = postgresSource(postgres.url, photosDir);
    try {
      const now = Date.now();
      const stories = (await query<{ checked: string }>('SELECT checked FROM articles WHERE checked IS NOT NULL')).map((row) => JSON.parse(row.checked) as Article);
      // The sections and authors the stories name: the lists of their pages.
      const sections = [...new Set(stories.map((story) => story.section))].map((slug) => ({ slug, name: slug, description: '' }));
      const authors = [...new Set(stories.flatMap((story) => story.authors))].map((id) => ({ id, name: id, role: '', bio: '', path: `/author/${id}` }));
      const own = createRepository({ sections, authors, articles: stories }, now);
      const slugs = (articles: Article[]) => articles.map((article) => article.slug);
      for (const runLength of [4, 7]) {
        expect(slugs(await source.lists!.changedLastPerRun(PUBLISHED_LIST, runLength, now))).toEqual(slugs(await own.changedLastPerRun(PUBLISHED_LIST, runLength)));
        expect(slugs(await source.lists!.oldestFirst(PUBLISHED_LIST, runLength, runLength, now))).toEqual(slugs(await own.oldestFirst(PUBLISHED_LIST, runLength, runLength)));
      }
      const changedLast = (lists: Map<string, Article>) => [...lists].map(([list, story]) => `${list} ${story.slug}`).sort();
      const ownChangedLast = changedLast(await own.changedLastPerList());
      expect(ownChangedLast.length).toBeGreaterThan(10);
      expect(changedLast(await source.lists!.changedLastPerList(now))).toEqual(ownChangedLast);
      // Each list's story changed last by article_lists_changed (migration 010), not a pass over every list's rows.
      const plan = await largeStorePlan(`EXPLAIN SELECT slug FROM article_lists WHERE list = 'published' AND at <= now() ORDER BY modified DESC, slug LIMIT 1`, ['article_lists_order']);
      expect(plan).toContain('article_lists_changed');
      const page = await source.lists!.page('author:clara-meunier', 3, 3, now);
      const ownPage = await own.listPage('author:clara-meunier', 2, 3);
      expect([slugs(page.stories), page.total]).toEqual([slugs(ownPage.stories), ownPage.total]);
      expect(page.stories.length).toBe(3);
    } finally {
      await source.close!();
    }
  });
});

describe('stories read on their own (a start in parts, decision 45)', () => {
  it('are read by slug (related boxes, search results) and by the crop of their hero, by index, as an instance holds them', async () => {
    const source = postgresSource(postgres.url, photosDir);
    try {
      const stories = (await query<{ checked: string }>("SELECT checked FROM articles WHERE status = 'published' AND checked IS NOT NULL")).map((row) => JSON.parse(row.checked) as Article);
      const own = createRepository({ sections: [], authors: [], articles: stories }, Date.now());
      const picked = stories.slice(0, 3).map((story) => story.slug);
      expect((await source.storiesWithSlugs!([...picked, 'no-such-story'])).map((story) => story.slug).sort()).toEqual([...picked].sort());
      const hero = stories.find((story) => story.hero)!.hero!;
      const file = cropFileName(hero);
      const cropped = await source.storiesWithHeroCrop!(file);
      expect(cropped.length).toBeGreaterThan(0);
      expect(cropped.map((story) => story.hero!.src)).toEqual(cropped.map(() => hero.src));
      expect(own.heroOfCrop(file)).toEqual(hero);
      expect(await source.storiesWithHeroCrop!('no-such-photo.jpg')).toEqual([]);
      // By the expression index, whatever the archive's size.
      const plan = await largeStorePlan(`EXPLAIN SELECT checked FROM articles WHERE hero_crop_file(checked) = 'x.jpg' AND status = 'published'`, ['articles_front', 'articles_section_front']);
      expect(plan).toContain('articles_hero_crop');
    } finally {
      await source.close!();
    }
  });
});

describe('related stories ranked once for the store', () => {
  it('are ranked by one instance and stored; every instance shows the stored picks and reads new ones when told', async () => {
    await within(30_000, async () => (await query<{ ranked: boolean }>('SELECT whole_ranked_at IS NOT NULL AS ranked FROM related_ranking'))[0].ranked);
    const published = await query<{ slug: string; checked: string }>("SELECT slug, checked FROM articles WHERE status = 'published' AND checked IS NOT NULL ORDER BY published_at DESC");
    // Every public story of the load (those published since wait for the next refresh of the newest).
    const ranked = (await query<{ slug: string }>('SELECT slug FROM related_picks')).map((row) => row.slug);
    expect(ranked.length).toBeGreaterThanOrEqual(20);
    expect(published.map((row) => row.slug)).toEqual(expect.arrayContaining(ranked));
    // Two instances on the store: at most one holds the ranking lock (none since the outage above, until a refresh takes it).
    expect((await query<{ held: number }>("SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted"))[0].held).toBeLessThanOrEqual(1);

    // Picks the ranking instance stores (here written by hand) reach every instance's box, cached or not.
    const [story, ...others] = published.map((row) => JSON.parse(row.checked) as Article);
    const boxOn = async (baseUrl: string) => /<aside class="related"[\s\S]*?<\/aside>/.exec((await get(baseUrl, story.path)).body.toString())?.[0] ?? '';
    const before = await Promise.all(servers.slice(1).map(({ baseUrl }) => boxOn(baseUrl)));
    expect(before[1]).toBe(before[0]);
    const pick = others.find((other) => !before[0].includes(`href="${other.path}"`))!;
    await query(
      `INSERT INTO related_picks (slug, picks) VALUES ('${story.slug}', '${pick.slug}')
       ON CONFLICT (slug) DO UPDATE SET picks = excluded.picks, version = nextval('related_picks_version'); NOTIFY newsbite_related`,
    );
    for (const { baseUrl } of servers.slice(1)) {
      await within(LIVE_WITHIN_MS, async () => {
        const box = await boxOn(baseUrl);
        return box.includes(`href="${pick.path}"`) && box.includes('Similar coverage');
      });
    }
  });
});

async function query<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
/**
 * A query's plan as a large store would make it: sequential scans priced out, and the indexes
 * that tie with the one meant on a table this small dropped (in a transaction rolled back).
 */
async function largeStorePlan(explain: string, tying: string[]): Promise<string> {
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const index of tying) await client.query(`DROP INDEX ${index}`);
    await client.query('SET LOCAL enable_seqscan = off');
    return (await client.query<{ 'QUERY PLAN': string }>(explain)).rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}
const storeVersion = async () => (await query<{ version: string }>('SELECT version::text FROM content_version'))[0].version;
const storedSlugs = async () => (await query<{ slug: string }>('SELECT slug FROM articles')).map((row) => row.slug);
