import path from 'node:path';
import { LiveContent } from '@/lib/content/live';
import { validateContent } from '@/lib/content/catalogue';
import { readContentFolder, type RawContent } from '@/lib/content/load';
import type { ContentSource } from '@/lib/content/source';
import type { Article } from '@/lib/content/types';
import { makeArticle } from '../helpers/articles';

const fixture = path.join(__dirname, '..', 'fixtures', 'valid');
const photosDir = path.join(fixture, 'public', 'photos');

/** A store like PostgreSQL: asynchronous, with a version counter, that can be "down". */
function fakeStore() {
  const store = { version: 1, raw: readContentFolder(path.join(fixture, 'content')) as RawContent, down: false, reads: 0, hint: () => {} };
  const source: ContentSource = {
    label: 'fake store',
    photosDir,
    signature: async () => {
      if (store.down) throw new Error('connect ECONNREFUSED');
      return String(store.version);
    },
    read: async () => {
      if (store.down) throw new Error('connect ECONNREFUSED');
      store.reads++;
      return { signature: String(store.version), raw: structuredClone(store.raw) };
    },
    watch: (changed) => {
      store.hint = changed;
      return () => undefined;
    },
  };
  return { store, source };
}

/**
 * Makes the fake store read in parts: rocket-launch first (it names a story of the rest as
 * related), the other stories once released, or `rest` as given.
 */
function readInParts({ store, source }: ReturnType<typeof fakeStore>, rest?: () => AsyncGenerator<Article[]>) {
  const { content } = validateContent(structuredClone(store.raw), photosDir);
  const front = content.articles.filter((article) => article.slug === 'rocket-launch');
  const others = content.articles.filter((article) => article.slug !== 'rocket-launch');
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  source.readFront = async () => ({
    signature: String(store.version),
    raw: { ...structuredClone(store.raw), articles: [] },
    checked: front,
    rest: {
      slugs: new Set(content.articles.map((article) => article.slug)),
      stories: (
        rest ??
        async function* () {
          await released;
          yield others;
        }
      )(),
    },
  });
  return { content, front, rest: others, release };
}

const headlineEdit = (raw: RawContent, headline: string): RawContent => ({
  ...raw,
  articles: raw.articles.map((d, i) => (i === 0 ? { ...d, text: d.text.replace(/headline: .*/, `headline: "${headline}"`) } : d)),
});

describe('LiveContent on an asynchronous store', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');

  it('opens with the store\'s version, reads again only when its version changed, and stays synchronous for readers', async () => {
    const { store, source } = fakeStore();
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined });
    expect(live.isComplete).toBe(true);
    const first = live.current();
    expect(first.articles.length).toBeGreaterThan(0);
    await live.refresh();
    expect(store.reads).toBe(1);
    store.raw = headlineEdit(store.raw, 'Edited in the store');
    store.version++;
    const status = await live.refresh();
    expect(status).toMatchObject({ store: 'fake store', problems: [] });
    expect(live.current().version).not.toBe(first.version);
    expect(live.current().articles.some((a) => a.headline === 'Edited in the store')).toBe(true);
    live.close();
  });

  it('serves a store read in parts: its front first, every story once the rest is read, and changes after that', async () => {
    const fake = fakeStore();
    const { store, source } = fake;
    // The front names a story of the rest as related: the check passes before that story is read.
    const { content, front, release } = readInParts(fake);
    expect(front[0].related).toEqual(['border-crossing']);
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined });
    expect(live.isComplete).toBe(false);
    expect(live.current().articles.map((article) => article.slug)).toEqual(['rocket-launch']);
    expect(live.status().problems).toEqual([]);
    store.raw = headlineEdit(store.raw, 'Edited while the rest was read');
    store.version++;
    let refreshed = false;
    const refresh = live.refresh().then(() => (refreshed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(refreshed).toBe(false);
    release();
    await live.complete;
    await refresh;
    expect(live.isComplete).toBe(true);
    expect(live.current().articles).toHaveLength(content.articles.filter((article) => article.status === 'published' && article.publishedTime <= now).length);
    expect(live.current().articles.some((article) => article.headline === 'Edited while the rest was read')).toBe(true);
    expect(live.status().problems).toEqual([]);
    live.close();
  });

  it('applies a change at once while the rest is read, and the rest, read before it, does not undo it', async () => {
    const fake = fakeStore();
    const { source } = fake;
    const { rest, release } = readInParts(fake);
    const edited = { ...rest[0], headline: 'Edited while the rest was read', revision: 'edited' };
    source.changes = async () => ({ signature: '2', documents: [{ file: edited.sourceFile, checked: edited }], photos: [] });
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined });
    await live.refresh();
    expect(live.isComplete).toBe(false);
    expect(live.current().bySlug(edited.slug)?.headline).toBe('Edited while the rest was read');
    release();
    await live.complete;
    expect(live.current().bySlug(edited.slug)?.headline).toBe('Edited while the rest was read');
    expect(live.current().articles.length).toBeGreaterThan(1);
    live.close();
  });

  it('reads a story of the rest on its own when a reader asks for it, and the rest, read before, does not undo it', async () => {
    const fake = fakeStore();
    const { source } = fake;
    const { rest, release } = readInParts(fake);
    const story = rest.find((article) => article.status === 'published')!;
    // The store has it edited since the rest's rows were read (the change log is not read yet).
    const edited = { ...story, headline: 'Edited before it was read on its own', revision: 'edited' };
    const asked: string[] = [];
    source.storiesAt = async (url) => {
      asked.push(url);
      return url === story.path ? [edited] : [];
    };
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined });
    expect(live.current().bySlug(story.slug)).toBeUndefined();
    await live.readStoriesAt(story.path);
    expect(asked).toEqual([story.path]);
    expect(live.isComplete).toBe(false);
    expect(live.current().article(story.section, story.slug)?.headline).toBe('Edited before it was read on its own');
    release();
    await live.complete;
    expect(live.current().bySlug(story.slug)?.headline).toBe('Edited before it was read on its own');
    // Once every story is read, nothing is read on its own.
    await live.readStoriesAt(story.path);
    expect(asked).toHaveLength(1);
    live.close();
  });

  it('reads the stories a related box, a search result or a crop names on their own while the rest is read, and only those not read yet', async () => {
    const fake = fakeStore();
    const { source } = fake;
    const { front, rest, release } = readInParts(fake);
    const asked: string[][] = [];
    source.storiesWithSlugs = async (slugs) => {
      asked.push(slugs);
      return rest.filter((article) => slugs.includes(article.slug));
    };
    const crops: string[] = [];
    source.storiesWithHeroCrop = async (file) => {
      crops.push(file);
      return rest.filter((article) => article.hero?.src === `/photos/${file.replace('.jpg', '')}.jpg`);
    };
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined });
    // The front's curated pick is of the rest: read by its slug with the box.
    expect(live.current().bySlug('border-crossing')).toBeUndefined();
    expect((await live.relatedTo(front[0])).map((story) => story.article.slug)).toContain('border-crossing');
    expect(asked).toEqual([['border-crossing']]);
    // A search's hits: only the one not read yet is asked for.
    await live.current().readStories(['rocket-launch', 'border-crossing', 'border-talks']);
    expect(asked).toEqual([['border-crossing'], ['border-talks']]);
    expect(live.current().bySlug('border-talks')?.headline).toBeDefined();
    // The store says what it holds: a crop or a story it has none for is known not to be there.
    expect(await live.readStoriesWithHeroCrop('square.jpg')).toBe(true);
    expect(live.current().heroOfCrop('square.jpg')?.src).toBe('/photos/square.jpg');
    expect(live.current().heroOfCrop('tall.jpg')).toBeUndefined();
    expect(await live.readStoriesAt('/world/nowhere')).toBe(false);
    source.storiesAt = async () => [];
    expect(await live.readStoriesAt('/world/nowhere')).toBe(true);
    release();
    await live.complete;
    await live.current().readStories(['no-such-story']);
    expect(await live.readStoriesWithHeroCrop('tall.jpg')).toBe(true);
    expect([asked.length, crops]).toEqual([2, ['square.jpg']]);
    live.close();
  });

  it('holds a store with more stories than its budget on demand: its fronts always, the rest read when asked for and let go in the order read', async () => {
    const { store } = fakeStore();
    const stories = Array.from({ length: 20 }, (_, i) => makeArticle(`s-${i}`, { day: -i, hero: undefined }));
    const bySlug = new Map(stories.map((story) => [story.slug, story]));
    const asked: string[] = [];
    let budget = 0;
    const changes: string[][] = [];
    let changed: Article[] = [];
    const source: ContentSource = {
      label: 'fake large store',
      photosDir,
      signature: async () => '1',
      read: async () => {
        throw new Error('a store read on demand is never read whole');
      },
      readFront: async (holdsUpTo) => {
        budget = holdsUpTo;
        return { signature: '1', raw: { ...structuredClone(store.raw), articles: [] }, checked: stories.slice(0, 2).map((story) => ({ ...story })), onDemand: { frontWindow: 2 } };
      },
      storiesAt: async (url) => {
        asked.push(url);
        return stories.filter((story) => story.path === url).map((story) => ({ ...story }));
      },
      storiesWithSlugs: async (slugs) => slugs.flatMap((slug) => (bySlug.has(slug) ? [{ ...bySlug.get(slug)! }] : [])),
      // The store's log says which lists a story was in before: s-12, not held, was in the world section.
      changes: async () => ({
        signature: '2',
        documents: changed.map((article) => ({ file: article.sourceFile, checked: article, formerLists: ['published', 'section:world'] })),
        photos: [],
      }),
      watch: () => () => undefined,
    };
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined, catalogueBytes: 5 * 2048 });
    const formerLists: (string[] | undefined)[] = [];
    live.onChange((_view, change) => {
      changes.push(change.stories.map((story) => story.slug));
      formerLists.push(...change.stories.map((story) => story.formerLists));
    });
    expect([budget, live.isComplete, live.holdsEvery]).toEqual([5, true, false]);
    expect(live.current().articles.map((story) => story.slug)).toEqual(['s-0', 's-1']);
    const read = async (i: number) => {
      expect(await live.readStoriesAt(`/world/s-${i}`)).toBe(true);
      expect(live.current().article('world', `s-${i}`)?.slug).toBe(`s-${i}`);
    };
    for (const i of [5, 6, 7]) await read(i);
    expect(['s-5', 's-6', 's-7'].map((slug) => live.current().bySlug(slug) !== undefined)).toEqual([true, true, true]);
    // A sixth story is over the budget: the three read first go, the fronts stay.
    await read(8);
    const held = () => stories.filter((story) => live.current().bySlug(story.slug)).map((story) => story.slug);
    expect(held()).toEqual(['s-0', 's-1', 's-8']);
    expect(live.status().onDemand).toEqual({ heldLately: 3, limit: 5 });
    // Let go is not a change for readers, and a story let go is read again when asked for.
    expect(changes).toEqual([]);
    await read(5);
    expect(asked.filter((url) => url === '/world/s-5')).toHaveLength(2);
    // A change to a story not held goes live; a curated pick of one not held checks (the store vouches for it).
    changed = [{ ...stories[12], headline: 'Edited in the archive', revision: 'edited' }, { ...stories[1], related: ['s-19'], revision: 'picked' }];
    const status = await live.refresh();
    expect(status.problems).toEqual([]);
    expect(changes).toEqual([['s-1', 's-12']]);
    // Only for the story it did not hold: the lists of the one it held come from the story before.
    expect(formerLists).toEqual([undefined, ['published', 'section:world']]);
    expect(live.current().bySlug('s-12')?.headline).toBe('Edited in the archive');
    expect(live.current().bySlug('s-1')?.related).toEqual(['s-19']);
    live.close();
  });

  it('reads a store whole when reading the rest of it fails', async () => {
    const fake = fakeStore();
    const { store, source } = fake;
    const logs: string[] = [];
    const { content } = readInParts(fake, async function* () {
      throw new Error('connection terminated');
    });
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: (message) => logs.push(message) });
    await live.complete;
    expect(live.isComplete).toBe(true);
    expect(store.reads).toBe(1);
    expect(live.current().articles).toHaveLength(content.articles.filter((article) => article.status === 'published' && article.publishedTime <= now).length);
    expect(logs[0]).toBe('content: reading the rest of fake store failed (connection terminated); reading it whole');
    live.close();
  });

  it('keeps the last version while the store is unreachable, says so once, and catches up when it is back', async () => {
    const { store, source } = fakeStore();
    const logs: string[] = [];
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: (m) => logs.push(m) });
    const version = live.current().version;
    store.down = true;
    expect(await live.refresh()).toMatchObject({ version, storeError: 'connect ECONNREFUSED' });
    await live.refresh();
    expect(logs.filter((m) => m.includes('unreachable'))).toEqual([`content: fake store is unreachable (connect ECONNREFUSED); keeping version ${version}`]);
    store.raw = headlineEdit(store.raw, 'Written after the outage');
    store.version++;
    store.down = false;
    const status = await live.refresh();
    expect(status.storeError).toBeUndefined();
    expect(status.version).not.toBe(version);
    expect(logs.some((m) => m.includes('answers again'))).toBe(true);
    live.close();
  });

  it('refuses an invalid version in the store as a whole, like the folder', async () => {
    const { store, source } = fakeStore();
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined });
    const version = live.current().version;
    store.raw = { ...store.raw, articles: [...store.raw.articles, { file: 'articles/broken.md', text: '---\nsection: world\n---\nBody' }] };
    store.version++;
    const status = await live.refresh();
    expect(status.version).toBe(version);
    expect(status.problems).toContain('articles/broken.md: headline: headline is required');
    live.close();
  });

  it('coalesces checks that arrive while one is running', async () => {
    const { store, source } = fakeStore();
    const live = await LiveContent.open(source, { watch: false, clock: () => now, log: () => undefined });
    let signatures = 0;
    const original = source.signature;
    source.signature = async () => {
      signatures++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return original();
    };
    await Promise.all(Array.from({ length: 10 }, () => live.refresh()));
    expect(signatures).toBeLessThanOrEqual(2);
    expect(store.reads).toBe(1);
    live.close();
  });
});
