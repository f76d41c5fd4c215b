import { parseFeed } from '@rowanmanning/feed-parser';
import { makeArticle, testPhoto } from '@/__tests__/helpers/articles';
import { feedAlternates, feedPath, robotsMetadata } from '@/lib/seo/discovery';
import { renderFeed, type FeedChannel } from '@/lib/seo/feeds';

const hostile = 'Tom & Jerry </script> <b>bold</b> ]]> end';
const author = { id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' };
const article = makeArticle('storm', {
  headline: hostile,
  published: '2026-11-22T08:15:00+09:00',
  updated: '2026-11-22T14:40:00+09:00',
  tags: ['Weather'],
  body: 'First **bold** paragraph.\n\n<script>alert(1)</script>\n\n## Subhead',
});
const channel: FeedChannel = {
  title: 'World | NewsBite',
  description: 'World news',
  path: '/world',
  articles: [{ article, authors: [author, { ...author, name: 'Tom Reyes' }], sectionName: 'World' }],
};

describe.each(['rss', 'atom'] as const)('%s feed', (format) => {
  const xml = renderFeed(channel, format);
  const feed = parseFeed(xml);
  const [item] = feed.items;

  it('is read by a feed reader with the story, escaped text intact', () => {
    expect(feed.title).toBe('World | NewsBite');
    expect(feed.url).toBe('http://localhost:3000/world');
    expect(item.title).toBe(hostile);
    expect(item.url).toBe('http://localhost:3000/world/storm');
    expect(item.id).toBe('http://localhost:3000/world/storm');
    expect(item.description).toBe(article.standfirst);
    expect(item.published?.toISOString()).toBe('2026-11-21T23:15:00.000Z');
    expect(item.categories.map((category) => category.term)).toEqual(['World', 'Weather']);
    expect(item.authors.map((a) => a.name).join(', ')).toMatch(/Ann Lee.*Tom Reyes/);
  });

  it('carries the full, sanitised text', () => {
    expect(item.content).toContain('<strong>bold</strong>');
    expect(item.content).toContain('<h2>Subhead</h2>');
    expect(item.content).not.toContain('<script');
  });

  it('attaches the hero photo with its type and size', () => {
    expect(item.media).toEqual(
      expect.arrayContaining([expect.objectContaining({ url: `http://localhost:3000${testPhoto.src}`, length: 12345 })]),
    );
  });

  it('links to itself', () => {
    expect(feed.self).toBe(`http://localhost:3000${feedPath('/world', format)}`);
  });
});

describe('RSS specifics', () => {
  const xml = renderFeed(channel, 'rss');

  it('names authors with dc:creator (RSS <author> must be an e-mail) and describes the hero with Media RSS', () => {
    expect(xml).toContain('<dc:creator>Ann Lee and Tom Reyes</dc:creator>');
    expect(xml).not.toContain('<author>');
    expect(xml).toMatch(/<media:content xmlns:media="http:\/\/search.yahoo.com\/mrss\/" url="http:\/\/localhost:3000\/photos\/test.jpg" medium="image" type="image\/jpeg" fileSize="12345" width="1600" height="900">/);
    expect(xml).toContain(`<media:description type="plain">${testPhoto.alt}</media:description>`);
    expect(xml).toContain('<enclosure length="12345" type="image/jpeg" url="http://localhost:3000/photos/test.jpg"/>');
  });

  it('dates the channel by its newest change, not by the build', () => {
    expect(xml).toContain('<lastBuildDate>Sun, 22 Nov 2026 05:40:00 GMT</lastBuildDate>');
  });
});

describe('feed discovery', () => {
  it('puts feeds beside their listing', () => {
    expect(feedPath('/', 'rss')).toBe('/feed.xml');
    expect(feedPath('/world', 'atom')).toBe('/world/atom.xml');
  });

  it("advertises the site's feeds everywhere and a section's on its pages", () => {
    expect(feedAlternates()).toEqual({
      'application/rss+xml': [{ url: '/feed.xml', title: 'NewsBite (RSS)' }],
      'application/atom+xml': [{ url: '/atom.xml', title: 'NewsBite (Atom)' }],
    });
    expect(feedAlternates({ path: '/world', name: 'World' })?.['application/rss+xml']).toEqual([
      { url: '/feed.xml', title: 'NewsBite (RSS)' },
      { url: '/world/feed.xml', title: 'World | NewsBite (RSS)' },
    ]);
  });
});

describe('robotsMetadata', () => {
  it('allows large image previews and switches the whole site to noindex outside production', () => {
    expect(robotsMetadata(true)).toEqual({ robots: { index: true, follow: true, 'max-image-preview': 'large' } });
    expect(robotsMetadata(false).robots).toEqual({ index: false, follow: false, 'max-image-preview': 'large' });
  });

  it('keeps a syndicated copy out of Google News only', () => {
    expect(robotsMetadata(true, true)).toEqual({
      robots: { index: true, follow: true, 'max-image-preview': 'large' },
      other: { 'googlebot-news': 'noindex' },
    });
  });
});
