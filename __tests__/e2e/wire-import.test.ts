import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startLiveSite, within, type LiveSite } from './helpers/live-site';

/**
 * Wire stories against `npm start`: pushed to the endpoint or dropped for the CLI, they are
 * live within 2 s, text-only stories work on every surface, and a kill takes a story down.
 */
const WIRE_TOKEN = 'test-wire-token';
const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(root, '__tests__', 'fixtures', 'ninjs');

let site: LiveSite;
let dropDir: string;
beforeAll(async () => {
  site = await startLiveSite({ WIRE_TOKEN }, { copyPhotos: true });
  dropDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-wire-drop-'));
});
afterAll(() => {
  site?.stop();
  if (dropDir) fs.rmSync(dropDir, { recursive: true, force: true });
});

const get = (target: string, init: RequestInit = {}) => fetch(`${site.baseUrl}${target}`, { redirect: 'manual', ...init });
const text = async (target: string) => (await get(target)).text();
const push = (body: string, token = WIRE_TOKEN) =>
  get('/api/wire/ninjs', { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

/** `npm run import:ninjs -- FILES` against the live site's content folder. */
function importCli(...files: string[]): { status: number; lines: string[] } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/import-ninjs.ts', ...files], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: site.contentDir },
    });
    return { status: 0, lines: out.trim().split('\n') };
  } catch (error) {
    const { status, stdout } = error as { status: number; stdout: string };
    return { status, lines: stdout.trim().split('\n') };
  }
}

describe('the push endpoint', () => {
  it('refuses a missing or wrong token with 401', async () => {
    expect((await get('/api/wire/ninjs', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await push('{}', 'wrong')).status).toBe(401);
  });

  it('publishes a text-only story: page, card, feed item and JSON-LD work without a photo', async () => {
    const reply = await push(fs.readFileSync(path.join(fixtures, 'text-only.json'), 'utf8'));
    expect(reply.status).toBe(200);
    const [result] = (await reply.json()).results;
    expect(result.outcome).toBe('imported');
    const page = await get(result.path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Central bank holds rates steady');
    expect(html).toContain('NEW YORK');
    expect(html).toContain('Copyright 2026 Example Wire');
    const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1]));
    const article = jsonLd.find((data) => data['@type'] === 'NewsArticle');
    expect(article.image.map((i: { url: string }) => i.url)).toEqual([expect.stringContaining('/opengraph-image?v=')]);
    const card = await get(`${result.path}/opengraph-image`);
    expect([card.status, card.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(await text('/business/feed.xml')).toContain(result.path);
    expect(await text('/')).toContain(result.path);
  });
});

describe('the CLI over a drop folder', () => {
  it('imports a story with its picture beside the JSON: hero, caption and credit', async () => {
    fs.copyFileSync(path.join(fixtures, 'file-picture.json'), path.join(dropDir, 'file-picture.json'));
    fs.mkdirSync(path.join(dropDir, 'pictures'));
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#336699' } }).png().toFile(path.join(dropDir, 'pictures', 'jetty.png'));
    const { status, lines } = importCli(dropDir);
    expect(status).toBe(0);
    const [outcome, , storyPath] = lines[0].split(' ');
    expect(outcome).toBe('imported');
    await within(2_000, async () => (await get(storyPath)).status === 200);
    const html = await text(storyPath);
    expect(html).toContain('Three people with clipboards stand on a jetty at dusk.');
    expect(html).toMatch(/Picture: (<!-- -->)?Example Wire\/Eva Lind/);
    const photo = /%2Fphotos%2F(wire-[0-9a-f]+\.jpg)/.exec(html)![1];
    const served = await get(`/photos/${photo}`);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
  });

  it('follows a story through a kill, and no replay brings it back', async () => {
    const seq = ['kill-seq-1_v2_usable.json', 'kill-seq-3_v4_canceled.json', 'kill-seq-4_v5_usable_after_kill.json'];
    for (const name of seq) fs.copyFileSync(path.join(fixtures, name), path.join(dropDir, name));

    const first = importCli(path.join(dropDir, seq[0]));
    expect(first.status).toBe(0);
    const [outcome, , storyPath] = first.lines[0].split(' ');
    expect(outcome).toBe('imported');
    // The CLI only writes files; the running server notices them.
    expect(await within(2_000, async () => (await get(storyPath)).status === 200)).toBeLessThan(2_000);

    const kill = importCli(path.join(dropDir, seq[1]), path.join(dropDir, seq[2]));
    expect(kill.lines.map((line) => line.split(' ')[0])).toEqual(['withdrawn', 'ignored']);
    await within(2_000, async () => (await get(storyPath)).status === 410);
    expect(await text('/')).not.toContain(storyPath);
    expect(await text('/feed.xml')).not.toContain(storyPath);
  });
});
