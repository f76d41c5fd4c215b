import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SITEMAP_PATHS } from '@/lib/seo/sitemaps';
import { startLiveSite, saveAtomically, within, type LiveSite } from './helpers/live-site';

/**
 * Live publishing against `npm start`: a story saved, corrected, embargoed or withdrawn reaches
 * every page, feed, sitemap and card within 2 s, with no rebuild and no restart.
 */
const PUBLISH_TOKEN = 'test-publish-token';
const PREVIEW_SECRET = 'test-preview-secret';
const LIVE_WITHIN_MS = 2_000;

let site: LiveSite;
beforeAll(async () => {
  site = await startLiveSite({ PUBLISH_TOKEN, PREVIEW_SECRET });
});
afterAll(() => site?.stop());

const get = (target: string, init: RequestInit = {}) => fetch(`${site.baseUrl}${target}`, { redirect: 'manual', ...init });
const text = async (target: string) => (await get(target)).text();

/** An ISO 8601 time `offsetMs` from now, in whole seconds with an explicit offset, as editors write it. */
const isoFromNow = (offsetMs = 0) => new Date(Math.ceil((Date.now() + offsetMs) / 1000) * 1000).toISOString().replace('.000Z', '+00:00');

interface StoryFields {
  headline: string;
  section?: string;
  tags?: string[];
  [field: string]: unknown;
}

function storyFile(slug: string, fields: StoryFields): string {
  const frontMatter = {
    section: 'science',
    standfirst: `What happened in ${slug}, in one sentence.`,
    authors: ['mina-park'],
    published: isoFromNow(-60_000),
    tags: ['Space', 'Live Publishing Test'],
    hero: { src: '/photos/dandelion-seeds.jpg', alt: 'Dandelion seeds on a stem', caption: 'Seeds ready to fly.', credit: 'Test Photographer/CC0' },
    gallery: [{ src: '/photos/dandelion-meadow.jpg', alt: 'A meadow of dandelions', caption: 'The meadow.', credit: 'Test Photographer/CC0' }],
    ...fields,
  };
  return `---\n${YAML.stringify(frontMatter)}---\nThe body of ${slug}, with enough words to read as a story about space and seeds.\n`;
}

const publish = (slug: string, fields: StoryFields) => saveAtomically(path.join(site.contentDir, 'articles', `${slug}.md`), storyFile(slug, fields));
const storyPath = (slug: string, section = 'science') => `/${section}/${slug}`;
const cardOf = (html: string) => /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];

describe('a new story', () => {
  const slug = 'live-new-story-appears';
  const headline = 'Live publishing test: a story appears everywhere';

  it('is on every page that lists it within 2 s', async () => {
    expect((await get(storyPath(slug))).status).toBe(404);
    publish(slug, { headline });
    const elapsed = await within(LIVE_WITHIN_MS, async () => (await get(storyPath(slug))).status === 200);
    expect(elapsed).toBeLessThan(LIVE_WITHIN_MS);
    const listings = ['/', '/science', '/tag/live-publishing-test', '/author/mina-park', '/feed.xml', '/atom.xml', '/science/feed.xml', '/science/atom.xml', SITEMAP_PATHS.articles, SITEMAP_PATHS.news];
    for (const target of listings) expect([target, (await text(target)).includes(storyPath(slug))]).toEqual([target, true]);
    expect(await text(SITEMAP_PATHS.pages)).toContain('/tag/live-publishing-test');
    expect((await get(`${storyPath(slug)}/photos/1`)).status).toBe(200);
    const page = await text(storyPath(slug));
    expect(page).toContain('"@type":"NewsArticle"');
    const card = await get(new URL(cardOf(page)!).pathname);
    expect([card.status, card.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
  });

  it('appears in the related box of a story it relates to', async () => {
    const other = 'live-related-partner';
    publish(other, { headline: 'Live publishing test: a partner story about seeds in space' });
    await within(LIVE_WITHIN_MS, async () => (await text(storyPath(other))).includes(`href="${storyPath(slug)}"`));
  });

  it('follows an edited headline on the page, the fronts, the feeds and the card URL', async () => {
    const before = await text(storyPath(slug));
    const edited = 'Live publishing test: the headline was edited';
    publish(slug, { headline: edited });
    await within(LIVE_WITHIN_MS, async () => (await text(storyPath(slug))).includes(edited));
    for (const target of ['/', '/science', '/feed.xml', SITEMAP_PATHS.news]) expect([target, (await text(target)).includes(edited)]).toEqual([target, true]);
    expect(await text('/')).not.toContain(headline);
    expect(cardOf(await text(storyPath(slug)))).not.toBe(cardOf(before));
  });
});

describe('a broken change', () => {
  it('keeps the last good version with no 5xx, and says what is wrong at the status endpoint', async () => {
    const slug = 'live-broken-story';
    const file = path.join(site.contentDir, 'articles', `${slug}.md`);
    const broken = storyFile(slug, { headline: 'Broken' }).replace(/\n\s+credit: Test Photographer\/CC0/, '');
    expect(broken).not.toBe(storyFile(slug, { headline: 'Broken' }));
    const versionBefore = (await (await get('/api/content-status', { headers: { authorization: `Bearer ${PUBLISH_TOKEN}` } })).json()).version;
    saveAtomically(file, broken);
    try {
      const problem = 'articles/live-broken-story.md: hero.credit: credit is required';
      await within(LIVE_WITHIN_MS, async () => site.log().includes(problem));
      for (const target of ['/', '/science', storyPath(slug), '/science/no-such-story', '/feed.xml', SITEMAP_PATHS.articles]) {
        expect([target, (await get(target)).status < 500]).toEqual([target, true]);
      }
      expect((await get(storyPath(slug))).status).toBe(404);
      const status = await (await get('/api/content-status', { headers: { authorization: `Bearer ${PUBLISH_TOKEN}` } })).json();
      expect(status).toMatchObject({ version: versionBefore, problems: [problem] });
    } finally {
      fs.rmSync(file);
    }
  });
});

describe('a draft', () => {
  const slug = 'live-draft-story';

  it('is never public, and an editor previews it through draft mode', async () => {
    publish(slug, { headline: 'Live publishing test: a draft', status: 'draft' });
    expect((await get(`/api/preview?secret=wrong&path=${storyPath(slug)}`)).status).toBe(401);
    const enter = await get(`/api/preview?secret=${PREVIEW_SECRET}&path=${storyPath(slug)}`);
    expect(enter.status).toBe(307);
    expect(enter.headers.get('location')).toBe(storyPath(slug));
    const cookie = enter.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await within(LIVE_WITHIN_MS, async () => (await get(storyPath(slug), { headers: { cookie } })).status === 200);
    expect((await get(storyPath(slug))).status).toBe(404);
    for (const target of ['/', '/feed.xml', SITEMAP_PATHS.articles]) expect(await text(target)).not.toContain(slug);
    const preview = await get(storyPath(slug), { headers: { cookie } });
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    const html = await preview.text();
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(html).toContain('class="preview-banner"');
    // A forged draft-mode cookie gets the public answer.
    expect((await get(storyPath(slug), { headers: { cookie: '__prerender_bypass=forged' } })).status).toBe(404);
  });
});

describe('an embargoed story', () => {
  it('is 404 and listed nowhere until its time, then goes live by itself', async () => {
    const slug = 'live-embargoed-story';
    const lift = Date.now() + 3_000;
    publish(slug, { headline: 'Live publishing test: embargoed', published: isoFromNow(3_000) });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await get(storyPath(slug))).status).toBe(404);
    expect(await text('/')).not.toContain(slug);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lift - Date.now())));
    await within(LIVE_WITHIN_MS, async () => (await get(storyPath(slug))).status === 200);
    expect(await text('/')).toContain(storyPath(slug));
  });
});

describe('a correction', () => {
  it('is shown below the standfirst, in JSON-LD, the feeds and the corrections page', async () => {
    const slug = 'live-corrected-story';
    const date = isoFromNow();
    publish(slug, { headline: 'Live publishing test: corrected', corrections: [{ date, text: 'An earlier version misspelt the name of the seed.' }] });
    await within(LIVE_WITHIN_MS, async () => (await get(storyPath(slug))).status === 200);
    const html = await text(storyPath(slug));
    expect(html).toMatch(/article-header__standfirst[^]*class="corrections"[^]*misspelt/);
    const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1]));
    const article = jsonLd.find((data) => data['@type'] === 'NewsArticle');
    expect(article.correction).toEqual([{ '@type': 'CorrectionComment', text: 'An earlier version misspelt the name of the seed.', datePublished: date }]);
    expect(article.dateModified).toBe(date);
    expect(await text('/feed.xml')).toContain('misspelt');
    expect(await text(SITEMAP_PATHS.news)).toMatch(new RegExp(`${slug}</loc>\\s*<lastmod>${date.replace('+', '\\+')}</lastmod>`));
    expect(await text('/corrections')).toMatch(/Corrections and clarifications[^]*misspelt/);
  });
});

describe('a withdrawn story', () => {
  it('answers 410 with a noindex notice and leaves every list, feed, sitemap and card', async () => {
    const slug = 'live-withdrawn-story';
    publish(slug, { headline: 'Live publishing test: to be withdrawn' });
    await within(LIVE_WITHIN_MS, async () => (await get(storyPath(slug))).status === 200);
    publish(slug, { headline: 'Live publishing test: to be withdrawn', status: 'withdrawn', withdrawnReason: 'This story was withdrawn for legal reasons.' });
    await within(LIVE_WITHIN_MS, async () => (await get(storyPath(slug))).status === 410);
    const notice = await get(storyPath(slug));
    const html = await notice.text();
    expect(html).toContain('withdrawn for legal reasons');
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(notice.headers.get('cache-control')).toMatch(/no-store/);
    for (const target of ['/', '/science', '/feed.xml', SITEMAP_PATHS.articles, SITEMAP_PATHS.news]) expect([target, (await text(target)).includes(storyPath(slug))]).toEqual([target, false]);
    expect((await get(`${storyPath(slug)}/opengraph-image`)).status).toBe(404);
    expect((await get(`${storyPath(slug)}/photos/1`)).status).toBe(404);
  });
});

describe('a story that moved', () => {
  it('answers its old URLs with a 308 to the new one', async () => {
    publish('live-moved-story', { headline: 'Live publishing test: moved', aliases: ['/world/live-old-slug'] });
    await within(LIVE_WITHIN_MS, async () => (await get('/world/live-old-slug')).status === 308);
    expect((await get('/world/live-old-slug')).headers.get('location')).toBe(storyPath('live-moved-story'));
  });
});

describe('the publishing webhook', () => {
  it('answers 401 without the token or with a wrong one, and re-reads content with it', async () => {
    expect((await get('/api/revalidate', { method: 'POST' })).status).toBe(401);
    expect((await get('/api/revalidate', { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await get('/api/content-status')).status).toBe(401);
    const reply = await get('/api/revalidate', { method: 'POST', headers: { authorization: `Bearer ${PUBLISH_TOKEN}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('private, no-store');
    expect(await reply.json()).toMatchObject({ version: expect.any(String), problems: [] });
  });
});

describe('an unknown URL that later becomes a story', () => {
  it('is a 404 nobody caches, and a 200 as soon as the story is live', async () => {
    const slug = 'live-later-story';
    const before = await get(storyPath(slug));
    expect(before.status).toBe(404);
    expect(before.headers.get('cache-control')).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
    publish(slug, { headline: 'Live publishing test: later' });
    expect(await within(LIVE_WITHIN_MS, async () => (await get(storyPath(slug))).status === 200)).toBeLessThan(LIVE_WITHIN_MS);
  });
});

describe('search', () => {
  it('finds a published story within 2 s, and no longer finds it once withdrawn', async () => {
    const slug = 'live-searchable-story';
    const headline = 'Live publishing test: zygomorphic orchids bloom';
    const found = async () => (await text('/search?q=zygomorphic')).includes(storyPath(slug));
    expect(await found()).toBe(false);
    publish(slug, { headline });
    expect(await within(LIVE_WITHIN_MS, found)).toBeLessThan(LIVE_WITHIN_MS);
    publish(slug, { headline, status: 'withdrawn' });
    await within(LIVE_WITHIN_MS, async () => !(await found()));
  });
});
