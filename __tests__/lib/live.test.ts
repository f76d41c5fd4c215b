import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveContent } from '@/lib/content/live';
import { articleFileText } from '../helpers/articles';
import { waitFor } from '../helpers/wait';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');

/** A writable copy of the valid fixture, with its own photos folder. */
function copyFixture(): { contentDir: string; photosDir: string } {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-live-'));
  fs.cpSync(path.join(fixture, 'content'), contentDir, { recursive: true });
  fs.cpSync(path.join(fixture, 'public', 'photos'), path.join(contentDir, 'photos'), { recursive: true });
  return { contentDir, photosDir: path.join(contentDir, 'photos') };
}

const article = (slug: string, frontMatter: Record<string, string>) => articleFileText(slug, frontMatter, { hero: true });

describe('LiveContent', () => {
  let dirs: ReturnType<typeof copyFixture>;
  let now: number;
  let logs: string[];
  let live: LiveContent;
  const open = (watch = false) => (live = new LiveContent(dirs, { watch, clock: () => now, log: (m) => logs.push(m), pollMs: 60_000 }));
  const write = (slug: string, frontMatter: Record<string, string> = {}) =>
    fs.writeFileSync(path.join(dirs.contentDir, 'articles', `${slug}.md`), article(slug, frontMatter));

  beforeEach(() => {
    dirs = copyFixture();
    now = Date.parse('2026-12-01T12:00:00Z');
    logs = [];
  });
  afterEach(() => {
    live.close();
    fs.rmSync(dirs.contentDir, { recursive: true, force: true });
  });

  it('swaps to a valid change as a new version', () => {
    open();
    const before = live.current();
    write('new-story');
    const status = live.reload();
    expect(status.problems).toEqual([]);
    expect(live.current().version).not.toBe(before.version);
    expect(live.current().article('world', 'new-story')?.headline).toBe('Headline of new-story');
    // Views read the catalogue's live index (no copy of the archive per change): a new view per change.
    expect(live.current()).not.toBe(before);
  });

  it('keeps the last good version when a change has a problem, and names the file and field', () => {
    open();
    const before = live.current();
    write('broken', { headline: '""' });
    const status = live.reload();
    expect(live.current()).toBe(before);
    expect(status.problems).toEqual(['articles/broken.md: headline: headline must not be empty']);
    expect(logs.join('\n')).toMatch(/keeping the last good version/);
    fs.rmSync(path.join(dirs.contentDir, 'articles', 'broken.md'));
    expect(live.reload().problems).toEqual([]);
  });

  it('does not re-read folders that did not change, unless forced', () => {
    open();
    const before = live.current();
    expect(live.reload().version).toBe(before.version);
    expect(live.current()).toBe(before);
    expect(live.reload({ force: true }).version).toBe(before.version);
  });

  it('starts with the valid files only when some are broken, and reports the rest', () => {
    write('broken', { section: 'nowhere' });
    open();
    expect(live.current().articles.map((a) => a.slug)).toContain('border-talks');
    expect(live.status().problems[0]).toMatch(/^articles\/broken\.md: section: "nowhere" is not a section/);
  });

  it('keeps drafts and embargoed stories out, and lifts an embargo at its moment', () => {
    write('draft-story', { status: 'draft' });
    write('embargoed', { published: '2026-12-01T12:00:05+00:00' });
    open();
    const content = live.current();
    expect(content.article('world', 'draft-story')).toBeUndefined();
    expect(content.preview('world', 'draft-story')?.status).toBe('draft');
    expect(content.article('world', 'embargoed')).toBeUndefined();
    expect(content.nextEmbargoLift).toBe(Date.parse('2026-12-01T12:00:05Z'));
    now += 5_000;
    expect(live.current().article('world', 'embargoed')).toBeDefined();
    expect(live.current().version).not.toBe(content.version);
  });

  it('answers a withdrawn story as gone and an old URL with its new path', () => {
    write('pulled', { status: 'withdrawn', withdrawnReason: 'Legal reasons.' });
    write('renamed', { aliases: '[/world/old-name, /science/older-name]' });
    open();
    const content = live.current();
    expect(content.article('world', 'pulled')).toBeUndefined();
    expect(content.withdrawn('/world/pulled')?.withdrawnReason).toBe('Legal reasons.');
    expect(content.aliasTarget('/world/old-name')).toBe('/world/renamed');
    expect(content.aliasTarget('/science/older-name')).toBe('/world/renamed');
  });

  it('lists corrections newest first', () => {
    write('corrected', { corrections: '[{ date: "2026-11-24T10:00:00+00:00", text: First. }, { date: "2026-11-25T10:00:00+00:00", text: Second. }]' });
    open();
    expect(live.current().corrections.map((c) => c.text)).toEqual(['Second.', 'First.']);
  });

  it('notices a saved file by itself within a second', async () => {
    open(true);
    const before = live.current().version;
    write('watched-story');
    await waitFor(() => live.current().version !== before, 1_000);
    expect(live.current().article('world', 'watched-story')).toBeDefined();
  });

  it('lifts an embargo by timer, with no request', async () => {
    // Whole seconds, as editors write them, at least a second from now.
    const lift = Math.ceil((Date.now() + 1_000) / 1_000) * 1_000;
    write('soon', { published: new Date(lift).toISOString().replace(/\.\d+Z$/, '+00:00') });
    live = new LiveContent(dirs, { watch: true, log: (m) => logs.push(m), pollMs: 60_000 });
    const changes: string[] = [];
    live.onChange((content) => changes.push(content.version));
    await waitFor(() => changes.length > 0, 3_000);
    expect(live.current().article('world', 'soon')).toBeDefined();
  });
});
