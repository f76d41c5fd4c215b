import { blogPages, entryHeadline, entryLocation, entryModified, entryText, freshSince, showNewUpdatesPath } from '@/lib/live-blog';
import { entryJsonLd, liveBlogPostingJsonLd, LIVE_BLOG_UPDATES, serializeJsonLd } from '@/lib/seo/json-ld';
import { renderEntriesFeed } from '@/lib/seo/feeds';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Author } from '@/lib/content/types';
import { absoluteUrl } from '@/lib/config';
import { makeArticle } from '../helpers/articles';
import { makeEntries, makeEntry } from '../helpers/live-entries';

const article = makeArticle('storm', { live: {} });
/** Newest first, as a LiveBlog holds them. */
const newestFirst = (count: number) => ({ entries: makeEntries('storm', count).reverse() });
const ann: Author = { id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' };

describe('where an entry is read', () => {
  it('is its anchor on the blog page, or on the archive page that holds it', () => {
    const pages = blogPages(newestFirst(45));
    expect(entryLocation(article, pages, 'e-44')).toBe('/world/storm#update-e-44');
    expect(entryLocation(article, pages, 'e-20')).toBe('/world/storm#update-e-20');
    expect(entryLocation(article, pages, 'e-19')).toBe('/world/storm/page/1#update-e-19');
    expect(entryLocation(article, pages, 'e-0')).toBe('/world/storm/page/1#update-e-0');
    expect(entryLocation(article, pages, 'nope')).toBeUndefined();
  });

  it('stays put on its archive page as entries arrive', () => {
    const before = blogPages(newestFirst(40)).archivePage(1)!.map((e) => e.id);
    for (const count of [41, 50, 59]) expect(blogPages(newestFirst(count)).archivePage(1)!.map((e) => e.id)).toEqual(before);
    expect(blogPages(newestFirst(60)).archivePages).toBe(2);
    expect(blogPages(newestFirst(60)).archivePage(1)!.map((e) => e.id)).toEqual(before);
  });
});

describe('"Show new updates" (?since=)', () => {
  const blog = newestFirst(45);
  const pages = blogPages(blog);

  it('marks the entries newer than the reader\'s newest', () => {
    expect(freshSince(blog, pages, 'e-41')).toEqual({ since: 'e-41', count: 3 });
    expect(freshSince(blog, pages, 'e-44')).toEqual({ since: 'e-44', count: 0 });
  });

  it('marks the whole page when the reader\'s newest has moved to an archive page, under one canonical id', () => {
    expect(freshSince(blog, pages, 'e-5')).toEqual({ since: 'e-19', count: 25 });
    expect(freshSince(blog, pages, 'e-19')).toEqual({ since: 'e-19', count: 25 });
  });

  it('ignores an unknown or missing id', () => {
    expect(freshSince(blog, pages, 'nope')).toBeUndefined();
    expect(freshSince(blog, pages, undefined)).toBeUndefined();
    expect(freshSince(blog, pages, '')).toBeUndefined();
  });

  it('links to the blog with the id, landing on the count of new entries', () => {
    expect(showNewUpdatesPath(article, 'e-44')).toBe('/world/storm?since=e-44#new-updates');
  });
});

describe('an entry on its own', () => {
  it('is named by its title, or the blog\'s headline and its time', () => {
    expect(entryHeadline(makeEntry('storm', 'a', { title: 'Dune holds' }), article)).toBe('Dune holds');
    expect(entryHeadline(makeEntry('storm', 'a'), article)).toBe('Headline storm: update at 20 November 2026 at 12:00 UTC');
  });

  it('was last modified by its latest correction', () => {
    const entry = makeEntry('storm', 'a', { corrections: [{ date: '2026-11-20T13:00:00+00:00', text: 'Fixed.' }, { date: '2026-11-20T12:30:00+00:00', text: 'Earlier.' }] });
    expect(entryModified(entry)).toBe('2026-11-20T13:00:00+00:00');
    expect(entryModified(makeEntry('storm', 'b'))).toBe('2026-11-20T12:00:00+00:00');
  });

  it('reads as plain text without markup or scripts', () => {
    expect(entryText(makeEntry('storm', 'a', { body: '**Gusts** of <script>alert(1)</script>[100 km/h](https://example.com)' }))).toBe('Gusts of 100 km/h');
  });
});

describe('LiveBlogPosting JSON-LD', () => {
  const section = { slug: 'world', name: 'World', description: 'World news.' };
  const authorsOf = () => [ann];

  it('covers from publication, lists the newest entries as BlogPosting updates', () => {
    const entries = newestFirst(25).entries;
    const data = liveBlogPostingJsonLd({ article, section, authors: [ann], entries, authorsOf });
    expect(data).toMatchObject({ '@type': 'LiveBlogPosting', coverageStartTime: article.published, headline: article.headline, dateModified: entries[0].posted });
    expect(data).not.toHaveProperty('coverageEndTime');
    const updates = (data as unknown as { liveBlogUpdate: Record<string, unknown>[] }).liveBlogUpdate;
    expect(updates).toHaveLength(LIVE_BLOG_UPDATES);
    expect(updates[0]).toEqual({
      '@type': 'BlogPosting',
      '@id': absoluteUrl('/world/storm#update-e-24'),
      headline: 'Headline storm: update at 20 November 2026 at 12:24 UTC',
      datePublished: entries[0].posted,
      dateModified: entries[0].posted,
      articleBody: 'Body of e-24.',
      author: [{ '@type': 'Person', name: 'Ann Lee', jobTitle: 'Reporter', url: absoluteUrl('/author/ann-lee') }],
      url: absoluteUrl('/world/storm#update-e-24'),
    });
  });

  it('ends its coverage once the blog has ended', () => {
    const ended = makeArticle('storm', { live: { ended: '2026-11-21T00:00:00+00:00', endedTime: Date.parse('2026-11-21T00:00:00Z') } });
    expect(liveBlogPostingJsonLd({ article: ended, section, authors: [ann], entries: [], authorsOf })).toMatchObject({ coverageEndTime: '2026-11-21T00:00:00+00:00', liveBlogUpdate: [] });
  });

  it('keeps hostile entry text inside its script element and intact after parsing', () => {
    const title = '</script><script>alert(1)</script><!--';
    const entry = makeEntry('storm', 'x', { title, body: `<img src=x onerror="alert(1)"> text ${title}` });
    const json = serializeJsonLd(liveBlogPostingJsonLd({ article, section, authors: [], entries: [entry], authorsOf }));
    expect(json).not.toMatch(/<\/script|<!--|<img/i);
    const update = JSON.parse(json).liveBlogUpdate[0];
    expect(update.headline).toBe(title);
    expect(update.articleBody).toBe('text');
  });
});

describe('an entry permalink\'s JSON-LD', () => {
  it('is a BlogPosting at the permalink, part of its LiveBlogPosting, with its card', () => {
    const card = { url: absoluteUrl('/world/storm/updates/a/opengraph-image?v=1'), width: 1200, height: 630 };
    const data = entryJsonLd({ article, entry: makeEntry('storm', 'a', { title: 'Dune holds' }), authors: [ann], card });
    expect(data).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'Dune holds',
      url: absoluteUrl('/world/storm/updates/a'),
      mainEntityOfPage: { '@id': absoluteUrl('/world/storm/updates/a') },
      image: [{ '@type': 'ImageObject', url: card.url, width: '1200', height: '630' }],
      isPartOf: { '@type': 'LiveBlogPosting', '@id': absoluteUrl('/world/storm#article'), url: absoluteUrl('/world/storm') },
    });
  });
});

describe('the entries feed', () => {
  it('is Atom with each entry\'s permalink, full text, photo credit and sanitised body', () => {
    const photo = { src: '/photos/p.jpg', alt: 'Alt "x" <b>', caption: 'Caption <script>alert(1)</script>', credit: 'Credit & Co', width: 10, height: 5, bytes: 1 };
    const entries = [
      makeEntry('storm', 'b', { minute: 1, title: 'Hostile </title><script>alert(1)</script>', body: '[x](javascript:alert(1)) <img src=x onerror=alert(1)> fine', photo }),
      makeEntry('storm', 'a', { minute: 0, corrections: [{ date: '2026-11-20T13:00:00+00:00', text: 'Corrected <b>.' }] }),
    ];
    const xml = renderEntriesFeed({ article, entries, authorsOf: () => [ann] });
    const feed = parseFeed(xml);
    expect(feed.items.map((item) => item.url)).toEqual([absoluteUrl('/world/storm/updates/b'), absoluteUrl('/world/storm/updates/a')]);
    expect(feed.items[0].title).toBe('Hostile </title><script>alert(1)</script>');
    // Titles and content are HTML (escaped text, sanitised body) inside CDATA: nothing live in the XML.
    expect(xml).not.toMatch(/<script|\son(error|load)=|href="\s*javascript:/i);
    expect(xml).toContain('Caption &lt;script&gt;alert(1)&lt;/script&gt; Picture: Credit &amp; Co');
    expect(xml).toContain('Corrected &lt;b&gt;.');
    expect(xml).toContain('<updated>2026-11-20T13:00:00.000Z</updated>');
  });
});
