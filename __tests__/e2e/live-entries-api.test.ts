import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveAtomically, startLiveSite, within, type LiveSite } from './helpers/live-site';
import { isoFromNow, runPublish, storyText } from './helpers/stores';

/**
 * The live blog entry endpoints against `npm start` on a copy of the content folder: POST,
 * PUT and DELETE /api/live/<story>/entries[/<id>] with the publishing token, each validated as
 * a file is, written atomically, and on the entry's permalink within a second.
 */
const PUBLISH_TOKEN = 'test-live-entries-token';
const LIVE_WITHIN_MS = 1_000;
const BLOG = 'live-writes-test-blog';
const ORDINARY = 'live-writes-test-ordinary';

let site: LiveSite;
beforeAll(async () => {
  site = await startLiveSite({ PUBLISH_TOKEN });
  saveAtomically(path.join(site.contentDir, 'articles', `${BLOG}.md`), storyText(BLOG, { headline: 'Live writes test: a live blog', live: true }));
  saveAtomically(path.join(site.contentDir, 'articles', `${ORDINARY}.md`), storyText(ORDINARY, { headline: 'Live writes test: an ordinary story' }));
  await within(5_000, async () => (await fetch(`${site.baseUrl}/science/${ORDINARY}`)).status === 200 && (await fetch(`${site.baseUrl}/science/${BLOG}`)).status === 200);
}, 120_000);
afterAll(() => site?.stop());

const entriesUrl = (story = BLOG) => `/api/live/${story}/entries`;
function call(method: string, target: string, body?: unknown, token: string | null = PUBLISH_TOKEN, origin = site.baseUrl) {
  return fetch(`${origin}${target}`, {
    method,
    redirect: 'manual',
    headers: { 'content-type': 'application/json', ...(token !== null && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}
/** The entry files of this test's stories (the content copy may hold other blogs). */
const entryFiles = () =>
  [BLOG, ORDINARY, 'no-such-story-anywhere'].flatMap((story) => {
    const folder = path.join(site.contentDir, 'live', story);
    return fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => `${story}/${name}`) : [];
  });
const page = async (target: string) => {
  const response = await fetch(`${site.baseUrl}${target}`);
  return { status: response.status, html: await response.text() };
};

describe('the token', () => {
  it('is required: 401 without it or with a wrong one, and nothing is written', async () => {
    for (const token of [null, 'wrong-token']) {
      const response = await call('POST', entriesUrl(), { body: 'Not allowed.' }, token);
      expect([response.status, response.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
      expect((await call('PUT', `${entriesUrl()}/x`, { body: 'Not allowed.' }, token)).status).toBe(401);
      expect((await call('DELETE', `${entriesUrl()}/x`, undefined, token)).status).toBe(401);
    }
    expect(entryFiles()).toEqual([]);
  });

  it('turns the endpoints off (404) while PUBLISH_TOKEN is unset', async () => {
    // The suite's shared server runs without PUBLISH_TOKEN.
    const origin = process.env.E2E_BASE_URL!;
    expect((await call('POST', entriesUrl(), { body: 'Off.' }, PUBLISH_TOKEN, origin)).status).toBe(404);
    expect((await call('PUT', `${entriesUrl()}/x`, { body: 'Off.' }, PUBLISH_TOKEN, origin)).status).toBe(404);
    expect((await call('DELETE', `${entriesUrl()}/x`, undefined, PUBLISH_TOKEN, origin)).status).toBe(404);
  });
});

describe('a refused entry', () => {
  it('answers 400 with field: problem, as a file would be refused, and writes nothing', async () => {
    const cases: [unknown, string[]][] = [
      [{ title: 'No body' }, ['body: is required: the update as a Markdown string']],
      [{ body: 'x', posted: '2026-12-02 14:00' }, ['posted: must be an ISO 8601 date-time with an offset, e.g. 2026-11-24T09:30:00+09:00']],
      [{ body: 'x', authors: ['nobody-at-all'] }, ['authors[0]: "nobody-at-all" has no file authors/nobody-at-all.md']],
      [{ body: 'x', key: 'yes', pinned: 1 }, ['key: must be true or false', 'pinned: must be true or false']],
      [{ body: '   ' }, ['body: is empty: write the update below the front matter']],
      [{ body: 'x', id: 'Not_An_Id' }, ['id: must be lower-case words and digits joined by hyphens, e.g. "polls-close-2200"']],
      [{ body: 'x', headline: 'not an entry field' }, [expect.stringMatching(/^headline: is not a field of an entry/)] as unknown as string[]],
    ];
    for (const [body, problems] of cases) {
      const response = await call('POST', entriesUrl(), body);
      expect([JSON.stringify(body), response.status, await response.json()]).toEqual([JSON.stringify(body), 400, { problems }]);
    }
    const notJson = await call('POST', entriesUrl(), '{"body": ');
    expect(notJson.status).toBe(400);
    expect(entryFiles()).toEqual([]);
  });

  it('answers 404 for no such story, and 400 for a story that is not a live blog', async () => {
    const unknown = await call('POST', entriesUrl('no-such-story-anywhere'), { body: 'x' });
    expect([unknown.status, (await unknown.json()).error]).toEqual([404, expect.stringContaining('there is no story "no-such-story-anywhere"')]);
    expect((await call('POST', entriesUrl('not--a-slug'), { body: 'x' })).status).toBe(404);
    const ordinary = await call('POST', entriesUrl(ORDINARY), { body: 'x' });
    expect([ordinary.status, await ordinary.json()]).toEqual([400, { problems: [`story: "${ORDINARY}" is not a live blog: add live: true to articles/${ORDINARY}.md`] }]);
    expect(entryFiles()).toEqual([]);
  });
});

describe('an entry file published with npm run publish', () => {
  it('is on its permalink within a second, the blog\'s first entry folder included', async () => {
    const drafts = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-entry-drafts-'));
    const draft = path.join(drafts, 'from-the-command-line.md');
    fs.writeFileSync(draft, `---\nposted: ${isoFromNow(-2_000)}\ntitle: From the command line\n---\nPublished with **npm run publish**.\n`);
    try {
      const result = await runPublish(['--live', BLOG, draft], { CONTENT_DIR: site.contentDir, PHOTOS_DIR: path.join(site.contentDir, 'photos'), DATABASE_URL: '' });
      expect(result).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining(`live/${BLOG}/from-the-command-line.md`) });
      const url = `/science/${BLOG}/updates/from-the-command-line`;
      expect(await within(LIVE_WITHIN_MS, async () => (await page(url)).status === 200)).toBeLessThan(LIVE_WITHIN_MS);
      expect((await page(url)).html).toContain('Published with <strong>npm run publish</strong>.');
    } finally {
      fs.rmSync(drafts, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('an entry posted', () => {
  let url: string;
  let id: string;

  it('answers 201 { id, url }, is written as live/<story>/<id>.md, and is on its permalink within a second', async () => {
    const started = Date.now();
    const response = await call('POST', entriesUrl(), { body: 'The first **update** of the test blog.', title: 'First update', key: true });
    expect(response.status).toBe(201);
    ({ id, url } = await response.json());
    expect(id).toMatch(/^\d{8}-\d{6}-first-update$/);
    expect(url).toBe(`/science/${BLOG}/updates/${id}`);
    expect(response.headers.get('location')).toBe(url);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const text = fs.readFileSync(path.join(site.contentDir, 'live', BLOG, `${id}.md`), 'utf8');
    expect(text).toMatch(/^---\nposted: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\ntitle: First update\nkey: true\n---\nThe first \*\*update\*\* of the test blog\.\n$/);
    expect(entryFiles().filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Live before the answer: a client that reads right after sees it.
    const elapsed = await within(LIVE_WITHIN_MS, async () => (await page(url)).status === 200);
    expect(Date.now() - started).toBeLessThan(LIVE_WITHIN_MS + elapsed);
    expect((await page(url)).html).toContain('The first <strong>update</strong> of the test blog.');
  });

  it('is never overwritten by another POST with its id (409)', async () => {
    const again = await call('POST', entriesUrl(), { body: 'Twice.', id });
    expect([again.status, (await again.json()).error]).toEqual([409, expect.stringContaining(`already an entry "${id}"`)]);
    expect(fs.readFileSync(path.join(site.contentDir, 'live', BLOG, `${id}.md`), 'utf8')).toContain('The first **update**');
  });

  it('is replaced by PUT (200), keeping its posted time, and the permalink follows within a second', async () => {
    const before = fs.readFileSync(path.join(site.contentDir, 'live', BLOG, `${id}.md`), 'utf8');
    const response = await call('PUT', `${entriesUrl()}/${id}`, { body: 'The first update, corrected.', title: 'First update (corrected)' });
    expect([response.status, await response.json()]).toEqual([200, { id, url }]);
    const after = fs.readFileSync(path.join(site.contentDir, 'live', BLOG, `${id}.md`), 'utf8');
    expect(after.match(/^posted: .*$/m)![0]).toBe(before.match(/^posted: .*$/m)![0]);
    expect(after).not.toContain('key: true');
    await within(LIVE_WITHIN_MS, async () => (await page(url)).html.includes('The first update, corrected.'));
  });

  it('is created by PUT at a new id (201)', async () => {
    const response = await call('PUT', `${entriesUrl()}/chosen-by-put`, { body: 'Posted with PUT.', posted: isoFromNow(-1_000) });
    expect([response.status, await response.json()]).toEqual([201, { id: 'chosen-by-put', url: `/science/${BLOG}/updates/chosen-by-put` }]);
  });

  it('is deleted by DELETE as a tombstone: status deleted in its file, its permalink 410 within a second', async () => {
    const response = await call('DELETE', `${entriesUrl()}/${id}`);
    expect([response.status, await response.json()]).toEqual([200, { id, url }]);
    expect(fs.readFileSync(path.join(site.contentDir, 'live', BLOG, `${id}.md`), 'utf8')).toMatch(/^status: deleted$/m);
    await within(LIVE_WITHIN_MS, async () => (await page(url)).status === 410);
    expect((await call('DELETE', `${entriesUrl()}/never-posted`)).status).toBe(404);
  });
});

describe('hostile input through the endpoint', () => {
  it('is stored as text and rendered sanitised on the permalink', async () => {
    const response = await call('POST', entriesUrl(), {
      title: '</title><script>alert("title")</script>',
      body: 'Before <script>alert("body")</script> <img src="x" onerror="alert(1)"> [click](javascript:alert(2)) after.',
    });
    expect(response.status).toBe(201);
    const { id, url } = await response.json();
    expect(fs.readFileSync(path.join(site.contentDir, 'live', BLOG, `${id}.md`), 'utf8')).toContain('<script>alert("body")</script>');
    await within(LIVE_WITHIN_MS, async () => (await page(url)).status === 200);
    const { html } = await page(url);
    expect(html).toContain('Before');
    expect(html).not.toMatch(/<script>alert|onerror=|javascript:alert|<\/title><script>/);
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(');
  });
});
