import path from 'node:path';
import { ContentCatalogue } from '@/lib/content/catalogue';
import { formatProblem } from '@/lib/content/errors';
import { readContentFolder } from '@/lib/content/load';
import { createRepository } from '@/lib/content/repository';
import type { LiveEntry } from '@/lib/content/types';
import { changeKeys, documentKeys, liveKey, SITEMAPS_KEY, storyKey } from '@/lib/document-keys';
import { blogPages } from '@/lib/live-blog';
import { classifyPath } from '@/lib/site-paths';
import { articleFileText } from '../helpers/articles';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');
const photosDir = path.join(fixture, 'public', 'photos');

const blog = (fields: Record<string, string> = {}) => ({ file: 'articles/storm-live.md', text: articleFileText('storm-live', { live: 'true', ...fields }) });
const entry = (id: string, fields: Record<string, string> = {}, body = `Update ${id}.`) => ({
  file: `live/storm-live/${id}.md`,
  text: `---\n${Object.entries({ posted: '2026-11-23T10:00:00+00:00', ...fields }).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}\n`,
});

function catalogue(): ContentCatalogue {
  const loaded = new ContentCatalogue(photosDir);
  loaded.load(readContentFolder(path.join(fixture, 'content')));
  return loaded;
}

const problems = (c: ContentCatalogue) => c.problems().map(formatProblem);
const NOW = Date.parse('2026-12-01T00:00:00Z');
const blogOf = (c: ContentCatalogue, drafts = false) => {
  const content = createRepository(c.index, NOW);
  return content.liveBlog(content.preview('world', 'storm-live')!, { drafts });
};

describe('live blog entries in the catalogue', () => {
  it('admits entries of a live blog, newest first, with key events, the pinned one and the latest', () => {
    const c = catalogue();
    c.apply([blog(), entry('first', { posted: '2026-11-23T09:10:00+00:00', key: 'true' }), entry('second', { posted: '2026-11-23T09:20:00+00:00', pinned: 'true' }), entry('third', { posted: '2026-11-23T09:30:00+00:00' })]);
    expect(problems(c)).toEqual([]);
    const live = blogOf(c)!;
    expect(live.entries.map((e) => e.id)).toEqual(['third', 'second', 'first']);
    expect(live.keyEvents.map((e) => e.id)).toEqual(['first']);
    expect(live.pinned?.id).toBe('second');
    expect(live.latest?.id).toBe('third');
    expect(live.ended).toBe(false);
  });

  it('keeps drafts for previews and deleted entries as tombstones', () => {
    const c = catalogue();
    c.apply([blog(), entry('kept'), entry('pending', { status: 'draft' }), entry('gone', { status: 'deleted' }, '')]);
    expect(problems(c)).toEqual([]);
    expect(blogOf(c)!.entries.map((e) => e.id)).toEqual(['kept']);
    expect(blogOf(c, true)!.entries.map((e) => e.id).sort()).toEqual(['kept', 'pending']);
    expect(blogOf(c)!.deleted.map((e) => e.id)).toEqual(['gone']);
  });

  it('keeps the last good version of a broken entry and still takes other entries', () => {
    const c = catalogue();
    c.apply([blog(), entry('one'), entry('two')]);
    const change = c.apply([entry('one', { posted: 'yesterday' }, 'Broken edit.'), entry('two', {}, 'Two corrected.')]);
    expect(problems(c)).toEqual([expect.stringMatching(/^live\/storm-live\/one\.md: posted: must be an ISO 8601 date-time/)]);
    const bodies = Object.fromEntries(blogOf(c)!.entries.map((e) => [e.id, e.body]));
    expect(bodies).toEqual({ one: 'Update one.', two: 'Two corrected.' });
    expect(change.entries.map((e) => e.after?.id)).toEqual(['two']);
  });

  it('names file and field for every problem of an entry', () => {
    const c = catalogue();
    c.apply([blog(), { file: 'live/storm-live/Bad_Id.md', text: entry('x').text }, entry('empty', {}, ''), entry('who', { authors: '[nobody]' }), entry('odd', { mood: 'calm' })]);
    expect(problems(c)).toEqual([
      expect.stringMatching(/^live\/storm-live\/Bad_Id\.md: file name: must be lower-case words and digits joined by hyphens/),
      'live/storm-live/empty.md: body: is empty: write the update below the front matter',
      expect.stringMatching(/^live\/storm-live\/odd\.md: front matter: .*mood/),
      'live/storm-live/who.md: authors[0]: "nobody" has no file authors/nobody.md',
    ]);
  });

  it('holds an entry written before its story, or before the story is a live blog, until it is', () => {
    const c = catalogue();
    c.apply([entry('early')]);
    expect(problems(c)).toEqual([expect.stringMatching(/^live\/storm-live\/early\.md: folder: "storm-live" is not a story/)]);
    c.apply([{ file: 'articles/storm-live.md', text: articleFileText('storm-live') }]);
    expect(problems(c)).toEqual([expect.stringMatching(/folder: "storm-live" is not a live blog: add live: true to articles\/storm-live\.md/)]);
    const change = c.apply([blog()]);
    expect(problems(c)).toEqual([]);
    expect(change.entries.map((e) => e.after?.id)).toEqual(['early']);
    expect(blogOf(c)!.entries.map((e) => e.id)).toEqual(['early']);
  });

  it('reports an end of coverage before it started', () => {
    const c = catalogue();
    c.apply([blog({ live: '{ ended: 2026-11-22T09:00:00+00:00 }' })]);
    expect(problems(c)).toEqual([expect.stringMatching(/^articles\/storm-live\.md: live\.ended: .* is before published/)]);
    c.apply([blog({ live: '{ ended: 2026-11-24T09:00:00+00:00 }' })]);
    expect(problems(c)).toEqual([]);
    expect(blogOf(c)!.ended).toBe(true);
  });
});

describe('what an entry change touches', () => {
  const made = (id: string, fields: Partial<LiveEntry> = {}): LiveEntry => ({
    id, story: 'storm-live', posted: '2026-11-23T10:00:00+00:00', postedTime: Date.parse('2026-11-23T10:00:00+00:00'), authors: [], key: false, pinned: false,
    status: 'published', corrections: [], body: 'x', revision: `r-${id}`, sourceFile: `live/storm-live/${id}.md`, ...fields,
  });
  const keys = (before?: LiveEntry, after?: LiveEntry) => changeKeys({ stories: [], entries: [{ story: 'storm-live', before, after }], relatedOf: [], site: false }).sort();

  it('an edit in place touches only the blog', () => {
    expect(keys(made('a'), made('a', { body: 'y', revision: 'r2' }))).toEqual([liveKey('storm-live')]);
  });

  it('a new, deleted or re-timed entry also touches the story (fronts, card) and the sitemaps', () => {
    const wide = [liveKey('storm-live'), SITEMAPS_KEY, storyKey('storm-live')].sort();
    expect(keys(undefined, made('a'))).toEqual(wide);
    expect(keys(made('a'), made('a', { status: 'deleted' }))).toEqual(wide);
    expect(keys(made('a'), made('a', { postedTime: 1 }))).toEqual(wide);
  });

  it('a draft entry touches only the blog (previews show it)', () => {
    expect(keys(undefined, made('a', { status: 'draft' }))).toEqual([liveKey('storm-live')]);
  });
});

describe('the pages of a live blog', () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${n - i}` }) as LiveEntry);
  const ids = (list: LiveEntry[] | undefined) => list?.map((e) => e.id);

  it('keeps every entry on the blog until two pages are full', () => {
    const pages = blogPages({ entries: entries(39) }, 20);
    expect(pages.archivePages).toBe(0);
    expect(pages.current).toHaveLength(39);
  });

  it('counts archive pages from the oldest entry, so their URLs hold the same entries as new ones arrive', () => {
    const before = blogPages({ entries: entries(45) }, 20);
    const after = blogPages({ entries: entries(59) }, 20);
    expect(before.archivePages).toBe(1);
    expect(ids(before.archivePage(1))).toEqual(ids(after.archivePage(1)));
    expect(ids(before.archivePage(1))?.at(-1)).toBe('e1');
    expect(before.current).toHaveLength(25);
    expect(before.pageOf('e3')).toBe(1);
    expect(before.pageOf('e45')).toBe(0);
    expect(before.archivePage(2)).toBeUndefined();
    expect(blogPages({ entries: entries(60) }, 20).archivePages).toBe(2);
  });

  it('answers the blog\'s paths from the live content and files them under the blog\'s key', () => {
    const c = catalogue();
    c.apply([blog(), entry('kept'), entry('gone', { status: 'deleted' }, ''), entry('pending', { status: 'draft' })]);
    const content = createRepository(c.index, NOW);
    expect(classifyPath(content, '/world/storm-live/updates/kept')).toEqual({ kind: 'document' });
    expect(classifyPath(content, '/world/storm-live/updates/kept/opengraph-image')).toEqual({ kind: 'document' });
    expect(classifyPath(content, '/world/storm-live/updates/gone')).toEqual({ kind: 'gone' });
    expect(classifyPath(content, '/world/storm-live/updates/pending')).toEqual({ kind: 'not-found' });
    expect(classifyPath(content, '/world/storm-live/updates.json')).toEqual({ kind: 'document' });
    expect(classifyPath(content, '/world/storm-live/page/1')).toEqual({ kind: 'not-found' });
    expect(documentKeys(content, '/world/storm-live/updates.json')).toContain(liveKey('storm-live'));
    expect(documentKeys(content, '/world/storm-live')).toContain(liveKey('storm-live'));
  });
});
