import fs from 'node:fs';
import path from 'node:path';
import { createRepository, type ContentRepository } from '@/lib/content/repository';
import { ARTICLES_PER_SITEMAP } from '@/lib/seo/sitemaps';
import { readSearchForm } from '@/lib/search/params';
import { classifyPath, documentQuery, answersWithoutRest, cropFileOf, readStoredLists, storyUrlOf } from '@/lib/site-paths';
import { documentKeys } from '@/lib/document-keys';
import type { StoredLists } from '@/lib/content/lists';
import { RelatedStories } from '@/lib/content/related-stories';
import { makeArticle, testPhoto } from '../helpers/articles';
import { ContentIndex } from '@/lib/content/content-index';
import type { Article, LiveEntry, SiteContent } from '@/lib/content/types';
import { makeEntries, makeEntry } from '../helpers/live-entries';

/** A repository over stories and live blog entries, at `now`. */
function repositoryWithEntries(site: SiteContent, entries: LiveEntry[], at: number) {
  const index = ContentIndex.of(site);
  for (const entry of entries) index.addEntry(entry);
  return createRepository(index, at);
}

const sections = [
  { slug: 'world', name: 'World', description: 'World news.' },
  { slug: 'science', name: 'Science', description: 'Science news.' },
];
const authors = [{ id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' }];
const now = Date.parse('2026-12-01T00:00:00Z');
const content = repositoryWithEntries(
  {
    sections,
    authors,
    articles: [
      makeArticle('storm', { live: {} }),
      makeArticle('live-story', { tags: ['Москва'], gallery: [testPhoto, testPhoto], aliases: ['/world/old-slug', '/politics/older-slug'] }),
      makeArticle('storm-blog', { live: {} }),
      makeArticle('pulled', { status: 'withdrawn' }),
      makeArticle('draft', { status: 'draft' }),
      makeArticle('embargoed', { day: 30 }),
      ...Array.from({ length: 13 }, (_, i) => makeArticle(`science-${i}`, { section: 'science', day: -i - 1, tags: ['Lab'] })),
    ],
  },
  // 45 published entries: archive page 1 holds the oldest 20, the blog's page the newest 25.
  [...makeEntries('storm', 45), makeEntry('storm', 'removed', { status: 'deleted' }), makeEntry('storm', 'unpublished', { status: 'draft' })],
  now,
);
/** An archive one story longer than a sitemap part: the articles sitemap has two parts. */
const archive = createRepository(
  { sections, authors, articles: Array.from({ length: ARTICLES_PER_SITEMAP + 1 }, (_, i) => makeArticle(`story-${i}`, { day: -i / 1000 })) },
  now,
);
const kind = (pathname: string, repository: ContentRepository = content) => classifyPath(repository, pathname).kind;

describe('classifyPath', () => {
  it.each([
    '/',
    '/corrections',
    '/feed.xml',
    '/sitemaps/news.xml',
    '/world',
    '/world/feed.xml',
    '/world/atom.xml',
    '/world/opengraph-image',
    '/science/page/2',
    '/world/live-story',
    '/world/live-story/opengraph-image',
    '/world/live-story/photos/2',
    '/world/live-story/photos/2/opengraph-image',
    '/tag/%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0',
    '/author/ann-lee',
    '/author/ann-lee/page/2',
    '/crops/16x9/test.jpg',
    '/world/storm',
    '/world/storm/page/1',
    '/world/storm/updates/e-3',
    '/world/storm/updates/e-3/opengraph-image',
    '/world/storm/updates.xml',
  ])('%s is a content document', (pathname) => {
    expect(kind(pathname)).toBe('document');
  });

  it.each([
    '/nowhere',
    '/world/no-such-story',
    '/world/draft',
    '/world/embargoed',
    '/world/embargoed/opengraph-image',
    '/world/live-story/photos/3',
    '/world/live-story/photos/01',
    '/world/live-story/extra',
    '/world/page/2',
    '/science/page/3',
    '/science/page/1x',
    '/science/page/1',
    '/tag/unknown',
    '/tag',
    '/author/nobody',
    '/crops/16x9/other.jpg',
    '/crops/2x1/test.jpg',
    '/wp-login.php',
    '/a/b/c/d/e/f',
    '/world/storm/page/2',
    '/world/storm/page/01',
    '/world/storm/updates/unpublished',
    '/world/storm/updates/removed/opengraph-image',
    '/world/storm/updates/nope',
    '/world/live-story/updates.xml',
    '/world/live-story/updates/e-3',
    '/world/live-story/page/1',
  ])('%s is not found', (pathname) => {
    expect(kind(pathname)).toBe('not-found');
  });

  it('answers a withdrawn story as gone and old URLs (even of a removed section) with a redirect', () => {
    expect(kind('/world/pulled')).toBe('gone');
    expect(kind('/world/storm/updates/removed')).toBe('gone');
    expect(classifyPath(content, '/world/old-slug')).toEqual({ kind: 'redirect', location: '/world/live-story' });
    expect(classifyPath(content, '/politics/older-slug')).toEqual({ kind: 'redirect', location: '/world/live-story' });
  });

  it.each(['/_next/static/chunks/a.js', '/api/revalidate', '/photos/x.jpg', '/search', '/robots.txt', '/World/Live-Story', '/world/', '/favicon.ico'])(
    'leaves %s to Next',
    (pathname) => {
      expect(kind(pathname)).toBe('next');
    },
  );

  it('knows the parts of the articles sitemap that exist, by their one spelling', () => {
    expect(['/sitemaps/articles.xml', '/sitemaps/articles-2.xml'].map((p) => kind(p, archive))).toEqual(['document', 'document']);
    const missing = ['/sitemaps/articles-3.xml', '/sitemaps/articles-1.xml', '/sitemaps/articles-0.xml', '/sitemaps/articles-02.xml', '/sitemaps/articles-two.xml', '/sitemaps/articles-2.xml/x', '/sitemaps/other.xml', '/sitemaps'];
    expect(missing.map((p) => kind(p, archive))).toEqual(missing.map(() => 'not-found'));
    expect(kind('/sitemaps/articles-2.xml')).toBe('not-found');
    expect(kind('/sitemaps/articles.xml', createRepository({ sections, authors, articles: [] }, now))).toBe('not-found');
  });

  it('knows every route in app/', () => {
    const appDir = path.join(__dirname, '..', '..', 'app');
    const routes = (fs.readdirSync(appDir, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((file) => /(^|\/)(page\.tsx|route\.ts|opengraph-image\.ts)$/.test(file))
      .map((file) => {
        const dir = path.dirname(file) === '.' ? '' : `/${path.dirname(file)}`;
        return `${dir}${file.endsWith('opengraph-image.ts') ? '/opengraph-image' : ''}` || '/';
      })
      .sort();
    // One example path per route; a new route fails here until classifyPath and this list know it.
    const examples: Record<string, string> = {
      '/': '/',
      '/[section]': '/world',
      '/[section]/[slug]': '/world/live-story',
      '/[section]/[slug]/opengraph-image': '/world/live-story/opengraph-image',
      '/[section]/[slug]/photos/[position]': '/world/live-story/photos/1',
      '/[section]/[slug]/photos/[position]/opengraph-image': '/world/live-story/photos/1/opengraph-image',
      '/[section]/[slug]/page/[number]': '/world/storm/page/1',
      '/[section]/[slug]/updates/[entry]': '/world/storm/updates/e-3',
      '/[section]/[slug]/updates/[entry]/opengraph-image': '/world/storm/updates/e-3/opengraph-image',
      '/[section]/[slug]/updates.xml': '/world/storm/updates.xml',
      '/[section]/[slug]/updates.json': '/world/storm/updates.json',
      '/[section]/atom.xml': '/world/atom.xml',
      '/[section]/feed.xml': '/world/feed.xml',
      '/[section]/opengraph-image': '/world/opengraph-image',
      '/[section]/page/[page]': '/science/page/2',
      '/api/content-status': '/api/content-status',
      '/api/live/[story]/entries': '/api/live/live-story/entries',
      '/api/live/[story]/entries/[id]': '/api/live/live-story/entries/first-update',
      '/api/preview': '/api/preview',
      '/api/preview/exit': '/api/preview/exit',
      '/api/revalidate': '/api/revalidate',
      '/api/wire/ninjs': '/api/wire/ninjs',
      '/search': '/search',
      '/opensearch.xml': '/opensearch.xml',
      '/atom.xml': '/atom.xml',
      '/author/[author]': '/author/ann-lee',
      '/author/[author]/page/[page]': '/author/ann-lee/page/2',
      '/corrections': '/corrections',
      '/crops/[ratio]/[file]': '/crops/4x3/test.jpg',
      '/feed.xml': '/feed.xml',
      '/opengraph-image': '/opengraph-image',
      '/photos/[file]': '/photos/test.jpg',
      '/sitemap.xml': '/sitemap.xml',
      '/sitemaps/articles.xml': '/sitemaps/articles.xml',
      '/sitemaps/[file]': '/sitemaps/articles-2.xml',
      '/sitemaps/news.xml': '/sitemaps/news.xml',
      '/sitemaps/pages.xml': '/sitemaps/pages.xml',
      '/tag/[tag]': '/tag/%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0',
      '/tag/[tag]/page/[page]': '/tag/lab/page/2',
    };
    expect(routes.filter((route) => !(route in examples))).toEqual([]);
    // A second part of the articles sitemap needs a longer archive.
    const repositories: Record<string, ContentRepository> = { '/sitemaps/[file]': archive };
    for (const [route, example] of Object.entries(examples)) {
      expect([route, kind(example, repositories[route])]).not.toEqual([route, 'not-found']);
    }
  });
});

describe('documentQuery', () => {
  const query = (pathname: string, search: string) => documentQuery(content, pathname, search);

  it('keeps a live blog page\'s ?since= for an entry on the page, canonical', () => {
    expect(query('/world/storm', 'since=e-40')).toBe('?since=e-40');
    expect(query('/world/storm', 'utm_source=x&since=e-44')).toBe('?since=e-44');
  });

  it('makes every entry older than the page one marking: all of the page is new', () => {
    expect(query('/world/storm', 'since=e-3')).toBe(query('/world/storm', 'since=e-19'));
    expect(query('/world/storm', 'since=e-3')).toBe('?since=e-19');
  });

  it('drops unknown, unpublished and deleted ids, other queries and other documents', () => {
    for (const [pathname, search] of [
      ['/world/storm', 'since=nope'],
      ['/world/storm', 'since=unpublished'],
      ['/world/storm', 'since=removed'],
      ['/world/storm', 'since='],
      ['/world/storm', 'utm_source=x'],
      ['/world/storm/page/1', 'since=e-3'],
      ['/world/live-story', 'since=e-3'],
      ['/world', 'since=e-3'],
    ]) {
      expect([pathname, search, query(pathname, search)]).toEqual([pathname, search, '']);
    }
  });
});

describe('answersWithoutRest', () => {
  it('lets fronts, their feeds, stories already read and what reads no content through while a store is read in parts, and holds the rest', () => {
    const through = ['/', '/world', '/science/feed.xml', '/world/atom.xml', '/feed.xml', '/atom.xml', '/_next/static/x.js', '/photos/a.jpg', '/api/content-status', '/robots.txt', '/world/live-story', '/world/live-story/photos/1', '/world/pulled'];
    const held = ['/world/not-read-yet', '/world/old-slug', '/world/page/2', '/tag/lab', '/author/ann-lee', '/corrections', '/sitemap.xml', '/sitemaps/articles.xml', '/search', '/api/preview', '/nowhere', '/nowhere/feed.xml'];
    expect(through.filter((target) => !answersWithoutRest(content, target))).toEqual([]);
    expect(held.filter((target) => answersWithoutRest(content, target))).toEqual([]);
  });
});

describe('lists kept by a store (decision 47)', () => {
  // The store holds 30 science stories (three pages of 12) and a corrected one under embargo; the instance holds two.
  const storedScience = Array.from({ length: 30 }, (_, i) => makeArticle(`kept-${i}`, { section: 'science', day: -i - 1, tags: ['Kept'] }));
  const corrected = (slug: string, day: number) => makeArticle(slug, { day, corrections: [{ date: new Date(now - 1000).toISOString(), text: `Fixed ${slug}.` }] });
  const storedList = (list: string, at: number) => (['published', 'section:science', 'tag:kept'].includes(list) ? storedScience.filter((story) => story.publishedTime <= at) : []);
  function storeView({ fails = false, holdsAll = false, holdsNewest = undefined as number | undefined } = {}) {
    const reads: string[] = [];
    const lists: StoredLists = {
      async page(list, offset, limit, at) {
        reads.push(`${list} ${offset}`);
        if (fails) throw new Error('store down');
        const stories = storedList(list, at);
        return { stories: stories.slice(offset, offset + limit), total: stories.length };
      },
      async oldestFirst(list, offset, limit, at) {
        reads.push(`oldest ${list} ${offset}`);
        return storedList(list, at).reverse().slice(offset, offset + limit);
      },
      async changedLastPerList() {
        return new Map();
      },
      async changedLastPerRun(list, runLength, at) {
        reads.push(`runs ${list}`);
        const oldest = storedList(list, at).reverse();
        return Array.from({ length: Math.ceil(oldest.length / runLength) }, (_, i) => oldest[i * runLength]);
      },
      async corrected() {
        if (fails) throw new Error('store down');
        return [corrected('fixed-later', 30), corrected('fixed', -1)];
      },
    };
    const held = { sections, authors, articles: [makeArticle('held-1', { section: 'science' }), makeArticle('held-2', { section: 'science', corrections: [{ date: '2026-11-30T00:00:00Z', text: 'Held fix.' }] })] };
    return { repository: createRepository(held, now, new RelatedStories(), { lists, holdsAll, holdsNewest }), reads };
  }

  it('classifies a listing page once the store has said what it holds, and files it under the stories it showed', async () => {
    const { repository, reads } = storeView();
    // Not read yet: only the page itself can tell.
    expect(['/science/page/3', '/science/page/4', '/tag/kept', '/tag/nowhere'].map((target) => kind(target, repository))).toEqual(['document', 'document', 'document', 'document']);
    for (const target of ['/science/page/3', '/science/page/4', '/tag/kept', '/tag/nowhere', '/science/page/3']) await readStoredLists(repository, target);
    expect(['/science/page/3', '/science/page/4', '/tag/kept', '/tag/nowhere'].map((target) => kind(target, repository))).toEqual(['document', 'not-found', 'document', 'not-found']);
    // Each page read once per view (a topic page also reads its first page, which names it).
    expect(reads).toEqual(['section:science 24', 'section:science 36', 'tag:kept 0', 'tag:nowhere 0']);
    expect(documentKeys(repository, '/science/page/3')).toEqual(['site', 'section:science', ...storedScience.slice(24).map((story: Article) => `story:${story.slug}`)]);
    // A page not read (or let go since): the fast path cannot tell what it shows, so it keeps no copy.
    expect(documentKeys(repository, '/science/page/2')).toBeUndefined();
    expect(documentKeys(content, '/science/page/2')).toEqual(['site', 'section:science', 'story:science-12']);
    // The articles sitemap: its parts are counted once read.
    expect(['/sitemaps/articles.xml', '/sitemaps/articles-2.xml'].map((target) => kind(target, repository))).toEqual(['document', 'document']);
    reads.length = 0;
    for (const target of ['/sitemaps/articles.xml', '/sitemaps/articles-2.xml', '/sitemap.xml']) await readStoredLists(repository, target);
    expect(['/sitemaps/articles.xml', '/sitemaps/articles-2.xml'].map((target) => kind(target, repository))).toEqual(['document', 'not-found']);
    expect(reads).toEqual(['runs published']);
    // Nothing else is read first, but every sitemap and search answer without the rest of a start in parts, as the listings do.
    expect(['/', '/science', '/science/kept-1', '/sitemap.xml', '/sitemaps/pages.xml', '/search'].map((target) => readStoredLists(repository, target) === undefined)).toEqual([true, false, true, true, true, true]);
    expect(['/sitemap.xml', '/sitemaps/news.xml', '/sitemaps/articles-2.xml', '/sitemaps/pages.xml', '/search'].map((target) => answersWithoutRest(repository, target))).toEqual([true, true, true, true, true]);
    expect(['/sitemap.xml', '/search'].map((target) => answersWithoutRest(content, target))).toEqual([false, false]);
    // A crop answers once the story whose hero it is cut from is read (cropFileOf: read on its own first).
    expect(['/crops/16x9/test.jpg', '/crops/16x9/not-read.jpg'].map((target) => answersWithoutRest(repository, target))).toEqual([true, false]);
    expect(['/crops/16x9/not-read.jpg', '/crops/2x1/not-read.jpg', '/crops/16x9/a/b.jpg'].map(cropFileOf)).toEqual(['not-read.jpg', undefined, undefined]);
  });

  it('reads a topic a search is filtered by from the store when no story held has it, so the filter and the form know it', async () => {
    const { repository, reads } = storeView();
    expect(repository.tag('kept')).toBeUndefined();
    expect(readStoredLists(repository, '/search', 'q=rain')).toBeUndefined();
    await readStoredLists(repository, '/search', 'q=rain&tag=kept');
    expect(reads).toEqual(['tag:kept 0']);
    expect(repository.tag('kept')?.name).toBe('Kept');
    expect(repository.tags.map((tag) => tag.slug)).toContain('kept');
    expect(readStoredLists(repository, '/search', 'tag=kept')).toBeUndefined();
    expect(readSearchForm({ q: 'rain', tag: 'kept' }, repository).form.tag).toBe('kept');
  });

  it('lists the corrections of public stories only, and falls back to its own lists while the store fails only if it holds every story', async () => {
    expect((await storeView().repository.recentCorrections(100)).map((notice) => notice.text)).toEqual(['Fixed fixed.']);
    const down = storeView({ fails: true });
    await expect(down.repository.listPage('section:science', 1, 12)).rejects.toThrow('store down');
    expect(down.repository.heldListPage('section:science', 1, 12)).toBeUndefined();
    const holding = storeView({ fails: true, holdsAll: true }).repository;
    expect((await holding.listPage('section:science', 1, 12)).stories.map((story) => story.slug)).toEqual(['held-1', 'held-2']);
    expect(holding.heldListPage('section:science', 1, 12)?.total).toBe(2);
    expect((await holding.recentCorrections(100)).map((notice) => notice.text)).toEqual(['Held fix.']);
    // A view that holds the fronts only (decision 48) answers what they hold, once: no document is filed under it.
    const fronts = storeView({ fails: true, holdsNewest: 24 }).repository;
    expect((await fronts.listPage('section:science', 2, 12)).stories.map((story) => story.slug)).toEqual([]);
    expect((await fronts.listPage('section:science', 1, 12)).stories.map((story) => story.slug)).toEqual(['held-1', 'held-2']);
    expect(fronts.heldListPage('section:science', 1, 12)).toBeUndefined();
    expect(documentKeys(fronts, '/science')).toBeUndefined();
    await expect(fronts.listPage('section:science', 3, 12)).rejects.toThrow('store down');
    await expect(fronts.listPage('tag:kept', 1, 12)).rejects.toThrow('store down');
  });
});

describe('storyUrlOf', () => {
  it('names the story URL a held path may be about, read on its own, and nothing for other paths', () => {
    expect(['/world/not-read-yet', '/world/not-read-yet/photos/2', '/world/not-read-yet/opengraph-image', '/gone-section/old-slug'].map(storyUrlOf)).toEqual([
      '/world/not-read-yet',
      '/world/not-read-yet',
      '/world/not-read-yet',
      '/gone-section/old-slug',
    ]);
    const none = ['/', '/world', '/world/page/2', '/world/feed.xml', '/tag/lab', '/author/ann-lee', '/sitemaps/articles.xml', '/corrections', '/api/preview'];
    expect(none.filter((target) => storyUrlOf(target) !== undefined)).toEqual([]);
  });
});
