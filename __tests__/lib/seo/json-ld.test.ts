import { makeArticle } from '@/__tests__/helpers/articles';
import { CROP_TARGET_WIDTH, cropGeometry, cropPath } from '@/lib/seo/crops';
import { articleBreadcrumbs, homeJsonLd, newsArticleJsonLd, serializeJsonLd } from '@/lib/seo/json-ld';

const hostile = 'Breaking </script><script>alert(1)</script> <!-- & \u2028 end';
const section = { slug: 'world', name: 'World', description: 'World news' };
const author = { id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' };

describe('serializeJsonLd', () => {
  it('keeps any text inside the script element and parses back to the same data', () => {
    const json = serializeJsonLd({ headline: hostile });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual({ headline: hostile });
  });
});

describe('newsArticleJsonLd', () => {
  const article = makeArticle('storm', {
    headline: hostile,
    published: '2026-11-22T08:15:00+09:00',
    updated: '2026-11-22T14:40:00+09:00',
    tags: ['Weather', 'Coasts'],
  });
  const data = newsArticleJsonLd({ article, section, authors: [author], card: { url: 'https://x.example/card', width: 1200, height: 630 } });

  it('describes the article with dates as written, authors, publisher and section', () => {
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: hostile,
      description: article.standfirst,
      datePublished: '2026-11-22T08:15:00+09:00',
      dateModified: '2026-11-22T14:40:00+09:00',
      author: [{ '@type': 'Person', name: 'Ann Lee', url: 'http://localhost:3000/author/ann-lee' }],
      publisher: { '@type': 'NewsMediaOrganization', name: 'NewsBite', logo: { url: 'http://localhost:3000/logo.png' } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'http://localhost:3000/world/storm' },
      articleSection: 'World',
      keywords: ['Weather', 'Coasts'],
      isAccessibleForFree: true,
    });
  });

  it('lists the card first, then the hero cropped to 16:9, 4:3 and 1:1', () => {
    const images = data.image as readonly { url: string; width: string; height: string }[];
    expect(images.map((image) => image.url)).toEqual([
      'https://x.example/card',
      'http://localhost:3000/crops/16x9/test.jpg',
      'http://localhost:3000/crops/4x3/test.jpg',
      'http://localhost:3000/crops/1x1/test.jpg',
    ]);
    // testPhoto is 1600x900: 16:9 and 4:3 reach 1200 px, the square is limited by the height.
    expect(images.slice(1).map((image) => `${image.width}x${image.height}`)).toEqual(['1200x675', '1200x900', '900x900']);
  });

  it('falls back to the publication date when the article was never updated', () => {
    const fresh = makeArticle('fresh', { published: '2026-11-20T12:00:00Z' });
    expect(newsArticleJsonLd({ article: fresh, section, authors: [author] }).dateModified).toBe('2026-11-20T12:00:00Z');
  });
});

describe('cropGeometry', () => {
  it('takes the largest centred region of the ratio and scales it down to 1200 px, never up', () => {
    expect(cropGeometry({ width: 2000, height: 1250 }, '16x9')).toEqual({
      region: { left: 0, top: 62, width: 2000, height: 1125 },
      width: CROP_TARGET_WIDTH,
      height: 675,
    });
    expect(cropGeometry({ width: 2000, height: 1250 }, '1x1')).toEqual({
      region: { left: 375, top: 0, width: 1250, height: 1250 },
      width: 1200,
      height: 1200,
    });
    expect(cropGeometry({ width: 640, height: 427 }, '4x3')).toEqual({
      region: { left: 35, top: 0, width: 569, height: 427 },
      width: 569,
      height: 427,
    });
  });

  it('names crops after the photo, always as JPEG', () => {
    expect(cropPath({ src: '/photos/harbour.view.png' }, '4x3')).toBe('/crops/4x3/harbour.view.jpg');
  });
});

describe('breadcrumbs and home page', () => {
  it('walks home > section > article with absolute URLs', () => {
    const crumbs = articleBreadcrumbs({ article: makeArticle('storm'), section });
    expect(crumbs.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'NewsBite', item: 'http://localhost:3000/' },
      { '@type': 'ListItem', position: 2, name: 'World', item: 'http://localhost:3000/world' },
      { '@type': 'ListItem', position: 3, name: 'Headline storm', item: 'http://localhost:3000/world/storm' },
    ]);
  });

  it('describes the site and its publisher on the home page', () => {
    const graph = homeJsonLd()['@graph'] as { '@type': string }[];
    expect(graph.map((node) => node['@type'])).toEqual(['WebSite', 'NewsMediaOrganization']);
  });

  it('tells search engines how to search the site (SearchAction)', () => {
    const [website] = homeJsonLd()['@graph'] as unknown as { potentialAction?: unknown }[];
    expect(website.potentialAction).toEqual({
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: 'http://localhost:3000/search?q={search_term_string}' },
      'query-input': 'required name=search_term_string',
    });
  });
});
