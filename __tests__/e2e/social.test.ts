import { latest } from '@/lib/dates';
import ogs from 'open-graph-scraper';
import sharp from 'sharp';
import { unfurl } from 'unfurl.js';
import { getContent } from '@/lib/content/repository';
import { maxCardBytes } from '@/lib/og/card-image';
import { photoPath, tagPath } from '@/lib/paths';
import { baseUrl } from './helpers/browser';
import { E2E_PUBLIC_ORIGIN } from './setup/server';

/**
 * What the social platforms see: two real unfurling clients read every article under the user
 * agents of browsers, curl, Googlebot and the link-preview bots; every card they find is fetched
 * and measured.
 */
const content = getContent();

const USER_AGENTS = {
  browser: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  curl: 'curl/8.5.0',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  twitter: 'Twitterbot/1.0',
  slack: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  linkedin: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  whatsapp: 'WhatsApp/2.23.20.0',
  discord: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
};
const agents = Object.entries(USER_AGENTS);

const articlePaths = content.articles.map((a) => a.path);
const otherPaths = [
  '/',
  ...content.sections.map((s) => `/${s.slug}`),
  tagPath(content.tags[0].slug),
  content.authors[0].path,
  ...content.articles.filter((a) => a.gallery.length).map((a) => photoPath(a, 1)),
];

/** The public origin the build was made for, mapped to the server under test. */
function local(publicUrl: string): string {
  expect(publicUrl.startsWith(`${E2E_PUBLIC_ORIGIN}/`)).toBe(true);
  return publicUrl.replace(E2E_PUBLIC_ORIGIN, baseUrl());
}

async function fetchHtml(path: string, userAgent: string): Promise<string> {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { 'user-agent': userAgent } });
  expect(response.status).toBe(200);
  return response.text();
}

/** Each card is fetched once and checked: 200, JPEG, 1200x630, small, cacheable. */
const checkedCards = new Map<string, Promise<void>>();
function checkCard(publicUrl: string): Promise<void> {
  if (!checkedCards.has(publicUrl)) {
    checkedCards.set(
      publicUrl,
      (async () => {
        const response = await fetch(local(publicUrl));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        expect(response.headers.get('cache-control')).toMatch(/max-age=(\d{5,})/);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.length).toBeLessThanOrEqual(maxCardBytes);
        const { width, height, format } = await sharp(bytes).metadata();
        expect({ width, height, format }).toEqual({ width: 1200, height: 630, format: 'jpeg' });
      })(),
    );
  }
  return checkedCards.get(publicUrl)!;
}

function metaTags(html: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const [, key, value] of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"/g)) {
    tags.set(key, [...(tags.get(key) ?? []), value]);
  }
  return tags;
}

describe('social metadata', () => {
  it.each(agents)('puts every og: and twitter: tag inside <head> for %s', async (_, userAgent) => {
    for (const path of [...articlePaths, ...otherPaths]) {
      const html = await fetchHtml(path, userAgent);
      const headEnd = html.indexOf('</head>');
      const social = [...html.matchAll(/<meta (?:property|name)="(?:og|twitter|article):/g)];
      expect(social.length).toBeGreaterThan(10);
      expect(social.filter((tag) => tag.index! > headEnd).map((tag) => `${path}: ${tag[0]}`)).toEqual([]);
    }
  });

  it('gives every page the full Open Graph and X set, with absolute URLs on our origin', async () => {
    for (const path of [...articlePaths, ...otherPaths]) {
      const tags = metaTags(await fetchHtml(path, USER_AGENTS.facebook));
      for (const key of ['og:title', 'og:description', 'og:type', 'og:url', 'og:site_name', 'og:locale', 'og:image', 'og:image:alt']) {
        expect([path, key, tags.get(key)?.length]).toEqual([path, key, 1]);
      }
      expect(tags.get('og:url')).toEqual([`${E2E_PUBLIC_ORIGIN}${path === '/' ? '' : path}`]);
      expect(tags.get('og:image:width')).toEqual(['1200']);
      expect(tags.get('og:image:height')).toEqual(['630']);
      expect(tags.get('og:image:type')).toEqual(['image/jpeg']);
      expect(tags.get('twitter:card')).toEqual(['summary_large_image']);
      expect(tags.get('twitter:site')).toEqual(['@NewsBite']);
      expect(tags.get('twitter:image')).toEqual(tags.get('og:image'));
      await checkCard(tags.get('og:image')![0]);
    }
  });

  it.each(content.articles.map((a) => [a.path, a] as const))('describes %s as an article', async (path, article) => {
    const tags = metaTags(await fetchHtml(path, USER_AGENTS.twitter));
    expect(tags.get('og:type')).toEqual(['article']);
    expect(tags.get('article:published_time')).toEqual([article.published]);
    // A live blog was last modified by its latest update.
    const latestUpdate = content.liveBlog(article)?.latest?.posted;
    expect(tags.get('article:modified_time')).toEqual([latest([article.updated ?? article.published, ...(latestUpdate ? [latestUpdate] : [])])]);
    expect(tags.get('article:section')).toEqual([content.section(article.section)!.name]);
    expect(tags.get('article:tag')).toEqual(article.tags.map((t) => t.name));
    expect(tags.get('article:author')).toEqual(article.authors.map((id) => `${E2E_PUBLIC_ORIGIN}${content.author(id)!.path}`));
    // Our own card, not a parent's: one per article.
    expect(tags.get('og:image')![0]).toMatch(new RegExp(`^${E2E_PUBLIC_ORIGIN}${path}/opengraph-image(\\?|$)`));
  });

  it('keeps og:url on our own domain for syndicated stories', async () => {
    const syndicated = content.articles.filter((a) => a.syndication);
    expect(syndicated.length).toBeGreaterThan(0);
    for (const article of syndicated) {
      const tags = metaTags(await fetchHtml(article.path, USER_AGENTS.facebook));
      expect(tags.get('og:url')).toEqual([`${E2E_PUBLIC_ORIGIN}${article.path}`]);
    }
  });
});

describe('unfurling clients', () => {
  it.each(agents)('open-graph-scraper finds title, description and a working card on every article as %s', async (_, userAgent) => {
    for (const article of content.articles) {
      const { error, result } = await ogs({
        url: `${baseUrl()}${article.path}`,
        fetchOptions: { headers: { 'user-agent': userAgent } },
        urlValidatorSettings: { require_tld: false } as never,
      });
      expect(error).toBe(false);
      expect(result.ogTitle).toBe(article.headline);
      expect(result.ogDescription).toBe(article.standfirst);
      const image = result.ogImage?.[0];
      expect(image?.url).toMatch(/^https:\/\/newsbite\.example\//);
      expect(image).toMatchObject({ width: '1200', height: '630', type: 'image/jpeg' });
      await checkCard(image!.url);
    }
  });

  it.each(agents)('unfurl.js finds title, description and a working card on every article as %s', async (_, userAgent) => {
    for (const article of content.articles) {
      const result = await unfurl(`${baseUrl()}${article.path}`, { headers: { 'user-agent': userAgent }, oembed: false });
      expect(result.open_graph.title).toBe(article.headline);
      expect(result.open_graph.description).toBe(article.standfirst);
      expect(result.twitter_card.card).toBe('summary_large_image');
      const image = result.open_graph.images?.[0];
      expect(image?.url).toMatch(/^https:\/\/newsbite\.example\//);
      expect(result.twitter_card.images?.[0].url).toBe(image?.url);
      await checkCard(image!.url);
    }
  });
});

describe('share cards over HTTP', () => {
  it('links each card by a hash of what it shows and lets every cache keep it for a year', async () => {
    // A story's card (a live blog's alt text starts "Live: ", see live-blog-pages.test.ts).
    const article = content.articles.find((a) => !a.live)!;
    const tags = metaTags(await fetchHtml(article.path, USER_AGENTS.facebook));
    const card = new URL(tags.get('og:image')![0]);
    expect(card.search).toMatch(/^\?v=[0-9a-f]{12}$/);
    expect(tags.get('og:image:alt')).toEqual([`${content.section(article.section)!.name}: ${article.headline}`]);
    const response = await fetch(`${baseUrl()}${card.pathname}${card.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('has no endpoint that draws arbitrary text', async () => {
    for (const path of ['/og?title=Hacked', '/opengraph-image?title=Hacked', '/api/og?title=Hacked']) {
      const response = await fetch(`${baseUrl()}${path}`);
      if (response.ok) {
        // The site card ignores the query: the same bytes as without it.
        const plain = Buffer.from(await (await fetch(`${baseUrl()}/opengraph-image`)).arrayBuffer());
        expect(Buffer.from(await response.arrayBuffer()).equals(plain)).toBe(true);
      } else expect(response.status).toBe(404);
    }
  });

  it('answers 404 for the card of an unknown article', async () => {
    expect((await fetch(`${baseUrl()}/world/no-such-story/opengraph-image`)).status).toBe(404);
  });
});

describe('share links', () => {
  it('offers X, Facebook, LinkedIn, WhatsApp and email links on every article, without JavaScript', async () => {
    for (const article of content.articles) {
      const html = await fetchHtml(article.path, USER_AGENTS.browser);
      const shared = encodeURIComponent(`${E2E_PUBLIC_ORIGIN}${article.path}`);
      for (const prefix of ['https://x.com/intent/tweet?', 'https://www.facebook.com/sharer/sharer.php?', 'https://www.linkedin.com/sharing/share-offsite/?', 'https://wa.me/?', 'mailto:?']) {
        const link = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).find((href) => href.startsWith(prefix));
        expect([prefix, link?.includes(shared)]).toEqual([prefix, true]);
      }
      expect(html).not.toMatch(/<script[^>]+src="https?:\/\/(?!newsbite\.example)/);
    }
  });
});
