import fs from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import sharp from 'sharp';
import YAML from 'yaml';
import { startLiveSite, saveAtomically, within, type LiveSite } from './helpers/live-site';

/**
 * A live blog as readers without JavaScript, crawlers and social platforms get it from
 * `npm start`: the blog page, its archive pages, entry permalinks (410 once deleted, drafts only
 * in a preview), "Show new updates", the entries feed, JSON-LD, cards and the fronts' badge,
 * following entry files written into a running server's content within a second.
 */
const PREVIEW_SECRET = 'test-preview-secret';
const WITHIN_MS = 1_000;
const SLUG = 'north-sea-storm-live';
const BLOG = `/world/${SLUG}`;

let site: LiveSite;
beforeAll(async () => {
  site = await startLiveSite({ PREVIEW_SECRET });
});
afterAll(() => site?.stop());

const get = (target: string, init: RequestInit = {}) => fetch(`${site.baseUrl}${target}`, { redirect: 'manual', ...init });
const text = async (target: string, init: RequestInit = {}) => (await get(target, init)).text();

/** Entry ids on a page, in order (the pinned slot has no anchor id). */
const entryIds = (html: string) => [...html.matchAll(/<article class="live-entry[^"]*" id="update-([a-z0-9-]+)"/g)].map((m) => m[1]);
const freshIds = (html: string) => [...html.matchAll(/<article class="live-entry[^"]*live-entry--new[^"]*" id="update-([a-z0-9-]+)"/g)].map((m) => m[1]);
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
const meta = (html: string, property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html)?.[1];

/** Writes an entry file into the running server's content, as an editor's tool would. */
function writeEntry(id: string, fields: Record<string, unknown>, body = `The text of ${id}.`) {
  saveAtomically(path.join(site.contentDir, 'live', SLUG, `${id}.md`), `---\n${YAML.stringify(fields)}---\n${body}\n`);
}
/** A time on the blog's day after every sample entry (19:45), `minute` minutes after 20:00. */
const postedAt = (minute: number) => new Date(Date.parse('2026-11-26T20:00:00Z') + minute * 60_000).toISOString().replace('.000Z', '+00:00');

describe('the blog page without JavaScript', () => {
  it('shows the status, summary, key events, pinned entry and entries newest first', async () => {
    const response = await get(BLOG);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<span class="live-status__badge">Live<\/span> <span class="live-status__time">Latest update <time dateTime="2026-11-26T19:45:00\+00:00">/);
    const ids = entryIds(html);
    expect(ids[0]).toBe('evening-tide-ahead');
    expect(ids).toHaveLength(8);
    expect(html).toMatch(/<nav class="key-events"[\s\S]*?href="#update-dune-breach"[\s\S]*?href="#update-high-tide-passes"[\s\S]*?<\/nav>/);
    expect(html).toMatch(/<div class="live-pinned">[\s\S]*?data-entry="what-to-do"/);
    expect(html).toContain('Picture: <!-- -->Risto Saukonpää/LGPL-3.0');
    expect(html).toContain('An earlier version of this update said the surge peaked at 1.4 metres.');
    // The island's slot and the no-JavaScript reload link.
    expect(html).toContain(`<div id="live-updates-slot" class="live-updates-slot" data-updates-url="${BLOG}/updates.json" data-newest="evening-tide-ahead">`);
    expect(html).toContain(`href="${BLOG}?since=evening-tide-ahead#new-updates"`);
    expect(html).toContain(`<link rel="alternate" type="application/atom+xml" href="https://newsbite.example${BLOG}/updates.xml"`);
  });

  it('marks what is new since the reader\'s newest entry, and ignores unknown ids', async () => {
    const marked = await text(`${BLOG}?since=high-tide-passes`);
    expect(freshIds(marked)).toEqual(['evening-tide-ahead', 'dune-breach', 'trees-down']);
    expect(marked.replaceAll('<!-- -->', '')).toContain('<p id="new-updates" class="live-new-count" role="status">3 new updates since your last look</p>');
    expect(await text(`${BLOG}?since=evening-tide-ahead`)).toContain('No new updates');
    for (const target of [`${BLOG}?since=no-such-entry`, `${BLOG}?since=%3Cscript%3E`, `${BLOG}?since=`]) {
      const html = await text(target);
      expect(freshIds(html)).toEqual([]);
      expect(html).not.toContain('id="new-updates"');
    }
  });

  it('has LiveBlogPosting JSON-LD with the newest entries as BlogPosting updates', async () => {
    const blog = jsonLd(await text(BLOG)).find((data) => data['@type'] === 'LiveBlogPosting');
    expect(blog).toMatchObject({ coverageStartTime: '2026-11-26T05:30:00+00:00', headline: expect.stringContaining('North Sea storm live') });
    expect(blog).not.toHaveProperty('coverageEndTime');
    expect(blog.liveBlogUpdate).toHaveLength(8);
    expect(blog.liveBlogUpdate[3]).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'Morning high tide passes with minor flooding',
      datePublished: '2026-11-26T09:35:00+00:00',
      dateModified: '2026-11-26T10:05:00+00:00',
      articleBody: expect.stringMatching(/^The morning high tide has passed\. The surge peaked at 1\.2 metres/),
      url: `https://newsbite.example${BLOG}#update-high-tide-passes`,
      author: [expect.objectContaining({ '@type': 'Person', name: 'Sofia Lindqvist' }), expect.objectContaining({ name: 'Clara Meunier' })],
    });
  });

  it('serves a valid Atom feed of the entries, each linking to its permalink', async () => {
    const response = await get(`${BLOG}/updates.xml`);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(await response.text());
    expect(feed.items.map((item) => item.url)).toContain(`https://newsbite.example${BLOG}/updates/harbour-in-fog`);
    expect(feed.items[0].title).toBe('Evening high tide: the second test');
    expect(feed.items.find((item) => item.url?.endsWith('/trees-down'))?.title).toMatch(/^North Sea storm live: the first winter gale reaches the coast: update at 26 November 2026 at 12:15 UTC$/);
    expect((await get('/world/south-korean-defects-north-across-dmz/updates.xml')).status).toBe(404);
  });

  it('marks the running blog Live with its latest entry on the fronts, and says so on its card', async () => {
    for (const front of ['/', '/world']) {
      expect(await text(front)).toMatch(/<span class="live-status__badge">Live<\/span> <span class="live-status__time">Latest <time dateTime="2026-11-26T19:45:00\+00:00">/);
    }
    const news = await text('/sitemaps/news.xml');
    expect(news).toContain(`<loc>https://newsbite.example${BLOG}</loc>\n    <lastmod>2026-11-26T19:45:00+00:00</lastmod>`);
    const html = await text(BLOG);
    expect(meta(html, 'og:image:alt')).toMatch(/^Live: World: North Sea storm live/);
    const card = new URL(meta(html, 'og:image')!);
    const image = await get(`${card.pathname}${card.search}`);
    expect(image.status).toBe(200);
    expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
  });
});

describe('an entry permalink', () => {
  it('shows the entry with its blog as context, a link back to it, and its own tags and card', async () => {
    const html = await text(`${BLOG}/updates/harbour-in-fog`);
    expect(html).toMatch(/<h1 class="live-permalink__blog"><a href="\/world\/north-sea-storm-live">North Sea storm live/);
    expect(html).toContain(`href="${BLOG}#update-harbour-in-fog"`);
    expect(meta(html, 'og:title')).toBe('Harbours empty as boats stay in');
    expect(meta(html, 'og:url')).toBe(`https://newsbite.example${BLOG}/updates/harbour-in-fog`);
    expect(meta(html, 'og:description')).toMatch(/^Small fishing harbours along the coast are unusually quiet/);
    expect(meta(html, 'twitter:title')).toBe('Harbours empty as boats stay in');
    expect(meta(html, 'article:published_time')).toBe('2026-11-26T08:10:00+00:00');
    expect(jsonLd(html).find((data) => data['@type'] === 'BlogPosting')).toMatchObject({
      headline: 'Harbours empty as boats stay in',
      datePublished: '2026-11-26T08:10:00+00:00',
      url: `https://newsbite.example${BLOG}/updates/harbour-in-fog`,
      isPartOf: { '@type': 'LiveBlogPosting', url: `https://newsbite.example${BLOG}` },
    });
    const card = new URL(meta(html, 'og:image')!);
    expect(card.pathname).toBe(`${BLOG}/updates/harbour-in-fog/opengraph-image`);
    const image = await get(`${card.pathname}${card.search}`);
    expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
    // Untitled: the blog's headline and the time.
    expect(meta(await text(`${BLOG}/updates/trees-down`), 'og:title')).toBe('North Sea storm live: the first winter gale reaches the coast: update at 26 November 2026 at 12:15 UTC');
  });

  it('answers 404 for an unknown entry and for entries of a story that is not a live blog', async () => {
    for (const target of [`${BLOG}/updates/no-such-entry`, `${BLOG}/updates/no-such-entry/opengraph-image`, '/world/south-korean-defects-north-across-dmz/updates/x', `${BLOG}/page/1`, `${BLOG}/page/0`, `${BLOG}/page/01`]) {
      expect({ target, status: (await get(target)).status }).toEqual({ target, status: 404 });
    }
  });

  it('answers 410 with a noindex notice once deleted, and drafts only in a preview', async () => {
    writeEntry('deleted-soon', { posted: postedAt(-5), title: 'An update to be deleted' });
    await within(WITHIN_MS, async () => (await get(`${BLOG}/updates/deleted-soon`)).status === 200);
    writeEntry('deleted-soon', { posted: postedAt(-5), title: 'An update to be deleted', status: 'deleted' });
    await within(WITHIN_MS, async () => (await get(`${BLOG}/updates/deleted-soon`)).status === 410);
    const gone = await text(`${BLOG}/updates/deleted-soon`);
    expect(gone).toContain('This update was removed');
    expect(gone).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(entryIds(await text(BLOG))).not.toContain('deleted-soon');

    writeEntry('a-draft', { posted: postedAt(-4), title: 'A draft update', status: 'draft' });
    const enter = await get(`/api/preview?secret=${PREVIEW_SECRET}&path=${BLOG}`);
    const cookie = enter.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await within(WITHIN_MS, async () => (await get(`${BLOG}/updates/a-draft`, { headers: { cookie } })).status === 200);
    expect((await get(`${BLOG}/updates/a-draft`)).status).toBe(404);
    expect(entryIds(await text(BLOG))).not.toContain('a-draft');
    const preview = await text(BLOG, { headers: { cookie } });
    expect(preview).toMatch(/<article class="live-entry live-entry--draft" id="update-a-draft"[\s\S]*?<span class="live-entry__flag">Draft<\/span>/);
    expect(preview).toContain('class="preview-banner"');
  });
});

describe('archive pages', () => {
  it('keep their entries as new ones arrive, linked newer and older without JavaScript', async () => {
    // 8 sample entries + 32 = 40: the oldest 20 fill archive page 1, the blog shows the newest 20.
    for (let i = 0; i < 32; i++) writeEntry(`extra-${i}`, { posted: postedAt(i) });
    await within(5_000, async () => (await get(`${BLOG}/page/1`)).status === 200);
    const page1 = await text(`${BLOG}/page/1`);
    const archived = entryIds(page1);
    expect(archived).toHaveLength(20);
    expect(archived.at(-1)).toBe('warnings-issued');
    expect(page1).toMatch(/<a href="\/world\/north-sea-storm-live" rel="prev">← Newer updates<\/a>/);
    const blog = await text(BLOG);
    expect(entryIds(blog)).toHaveLength(20);
    expect(blog).toMatch(/<a href="\/world\/north-sea-storm-live\/page\/1" rel="next">Older updates →<\/a>/);
    // A key event now on the archive page is linked there.
    expect(blog).toContain(`href="${BLOG}/page/1#update-high-tide-passes"`);
    // A permalink links back to the page its entry is on.
    expect(await text(`${BLOG}/updates/warnings-issued`)).toContain(`href="${BLOG}/page/1#update-warnings-issued"`);

    // A new entry shows on the blog's page within a second; the archive page does not move.
    writeEntry('extra-32', { posted: postedAt(32), title: 'One more update' });
    const elapsed = await within(WITHIN_MS, async () => entryIds(await text(BLOG))[0] === 'extra-32');
    expect(elapsed).toBeLessThan(WITHIN_MS);
    expect(entryIds(await text(`${BLOG}/page/1`))).toEqual(archived);
    expect(entryIds(await text(BLOG))).toHaveLength(21);
    // "Show new updates" from the earlier newest entry marks just the new one.
    expect(freshIds(await text(`${BLOG}?since=extra-31`))).toEqual(['extra-32']);
    expect((await get(`${BLOG}/page/2`)).status).toBe(404);
  });
});

describe('an ended blog', () => {
  it('says Ended with its end time, leaves the fronts badge and the reload link out, and has coverageEndTime', async () => {
    const file = path.join(site.contentDir, 'articles', `${SLUG}.md`);
    const source = fs.readFileSync(file, 'utf8');
    saveAtomically(file, source.replace('live: true', 'live:\n  ended: "2026-11-26T23:40:00+00:00"'));
    await within(WITHIN_MS * 2, async () => (await text(BLOG)).includes('live-status--ended'));
    const html = await text(BLOG);
    expect(html).toMatch(/<span class="live-status__badge">Ended<\/span> <span class="live-status__time">Coverage ended <time dateTime="2026-11-26T23:40:00\+00:00">/);
    expect(html).not.toContain('id="live-updates-slot"');
    expect(jsonLd(html).find((data) => data['@type'] === 'LiveBlogPosting')).toMatchObject({ coverageEndTime: '2026-11-26T23:40:00+00:00' });
    expect(await text('/world')).not.toContain('live-status__badge');
  });
});

describe('embargo and withdrawal', () => {
  const story = (fields: Record<string, unknown>) => ({
    section: 'world',
    headline: 'An embargoed live blog',
    standfirst: 'Coverage that starts later.',
    authors: ['mina-park'],
    tags: ['Storms'],
    live: true,
    ...fields,
  });
  const save = (fields: Record<string, unknown>) => saveAtomically(path.join(site.contentDir, 'articles', 'later-live.md'), `---\n${YAML.stringify(story(fields))}---\nSummary.\n`);
  const later = '/world/later-live';

  it('keeps an embargoed blog, its entries, archive and feed out of sight but in a preview, and a withdrawn one answers 410', async () => {
    save({ published: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00') });
    saveAtomically(path.join(site.contentDir, 'live', 'later-live', 'first.md'), `---\nposted: "2026-11-26T10:00:00+00:00"\ntitle: Before the embargo lifts\n---\nNot yet.\n`);
    const enter = await get(`/api/preview?secret=${PREVIEW_SECRET}&path=${later}`);
    const cookie = enter.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await within(5_000, async () => (await get(`${later}/updates/first`, { headers: { cookie } })).status === 200);
    for (const target of [later, `${later}/updates/first`, `${later}/updates.xml`, `${later}/updates/first/opengraph-image`]) {
      expect({ target, status: (await get(target)).status }).toEqual({ target, status: 404 });
    }
    expect(await text('/world')).not.toContain(later);
    const preview = await text(later, { headers: { cookie } });
    expect(entryIds(preview)).toEqual(['first']);
    expect(preview).toMatch(/<meta name="robots" content="noindex, nofollow"/);

    save({ published: '2026-11-26T09:00:00+00:00', status: 'withdrawn', withdrawnReason: 'Coverage moved elsewhere.' });
    await within(WITHIN_MS * 2, async () => (await get(later)).status === 410);
    expect(await text(later)).toContain('Coverage moved elsewhere.');
    expect((await get(`${later}/updates/first`)).status).toBe(404);
  });
});

describe('hostile entries', () => {
  const HOSTILE = {
    breakout: `</script><script>alert("pwned")</script><!-- ]]> --> & "quotes" <b>bold</b>`,
    handler: `<img src=x onerror="alert(1)">`,
  };
  const hostileBlog = '/world/hostile-live';
  const title = `Title ${HOSTILE.breakout} ${HOSTILE.handler}`;

  beforeAll(async () => {
    const story = {
      section: 'world',
      headline: `Hostile live ${HOSTILE.breakout}`,
      standfirst: `Standfirst ${HOSTILE.handler}`,
      authors: ['mina-park'],
      published: '2026-11-26T06:00:00+00:00',
      tags: ['Hostile'],
      live: true,
    };
    saveAtomically(path.join(site.contentDir, 'articles', 'hostile-live.md'), `---\n${YAML.stringify(story)}---\nSummary ${HOSTILE.breakout}\n`);
    const entry = {
      posted: '2026-11-26T07:00:00+00:00',
      title,
      key: true,
      photo: { src: '/photos/pier-in-fog.jpg', alt: `Alt ${HOSTILE.breakout}`, caption: `Caption ${HOSTILE.breakout} ${HOSTILE.handler}`, credit: `Credit ${HOSTILE.handler}` },
      corrections: [{ date: '2026-11-26T07:30:00+00:00', text: `Correction ${HOSTILE.breakout}` }],
    };
    const body = [
      `Body ${HOSTILE.breakout} ${HOSTILE.handler}`,
      '<script>alert("inline")</script><iframe src="https://example.invalid"></iframe><svg onload=alert(1)></svg>',
      '[a javascript link](javascript:alert(1)) <a href="jav&#x09;ascript:alert(1)">tab trick</a> <a href="data:text/html,x" onclick="alert(1)">data</a>',
    ].join('\n\n');
    saveAtomically(path.join(site.contentDir, 'live', 'hostile-live', 'hostile-entry.md'), `---\n${YAML.stringify(entry)}---\n${body}\n`);
    await within(5_000, async () => (await get(`${hostileBlog}/updates/hostile-entry`)).status === 200);
  });

  const markupOutsideScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');

  it('keeps the page, the permalink and the fronts free of live injected markup', async () => {
    for (const target of [hostileBlog, `${hostileBlog}?since=hostile-entry`, `${hostileBlog}/updates/hostile-entry`, '/world', '/']) {
      const response = await get(target);
      expect({ target, status: response.status }).toEqual({ target, status: 200 });
      const markup = markupOutsideScripts(await response.text());
      expect(markup).not.toMatch(/<(iframe|svg|object|embed)\b/i);
      expect(markup).not.toContain('<script>alert');
      expect(markup).not.toMatch(/<img src="?x"? onerror/i);
      expect(markup).not.toMatch(/\son(error|load|click)="/i);
      expect(markup).not.toMatch(/href="\s*(javascript|data):/i);
      expect(markup).not.toContain('<b>bold</b>" ');
    }
    const permalink = await text(`${hostileBlog}/updates/hostile-entry`);
    // The title escaped in the page and in its tags.
    expect(permalink).toContain('Title &lt;/script&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(meta(permalink, 'og:title')).toBe('Title &lt;/script&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;!-- ]]&gt; --&gt; &amp; &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt; &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('keeps JSON-LD parseable with the original text, on the blog and the permalink', async () => {
    const blocksOf = async (target: string) => {
      const blocks = [...(await text(target)).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      for (const block of blocks) expect(block).not.toMatch(/<\/script|<!--/i);
      return blocks.map((block) => JSON.parse(block));
    };
    const blog = (await blocksOf(hostileBlog)).find((data) => data['@type'] === 'LiveBlogPosting');
    expect(blog.liveBlogUpdate[0].headline).toBe(title);
    expect(blog.liveBlogUpdate[0].articleBody).not.toMatch(/<script|onerror|javascript:/i);
    const posting = (await blocksOf(`${hostileBlog}/updates/hostile-entry`)).find((data) => data['@type'] === 'BlogPosting');
    expect(posting.headline).toBe(title);
    expect(posting.isPartOf.headline).toBe(`Hostile live ${HOSTILE.breakout}`);
  });

  it('keeps the feed well-formed, its text intact and nothing live in it', async () => {
    const xml = await text(`${hostileBlog}/updates.xml`);
    const feed = parseFeed(xml);
    expect(feed.items[0].title).toBe(title);
    // Escaped text may spell `onerror=` (the story's standfirst); no tag may carry one.
    expect(xml).not.toMatch(/<script|<[a-z][^>]*\son(error|load|click)=|href="\s*(javascript|data):/i);
  });

  it('draws the entry\'s card and the blog\'s', async () => {
    for (const target of [`${hostileBlog}/updates/hostile-entry`, hostileBlog]) {
      const card = new URL(meta(await text(target), 'og:image')!.replaceAll('&amp;', '&'));
      const response = await get(`${card.pathname}${card.search}`);
      expect(response.status).toBe(200);
      const image = Buffer.from(await response.arrayBuffer());
      expect(await sharp(image).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
      expect(image.length).toBeLessThan(300 * 1024);
    }
  });
});
