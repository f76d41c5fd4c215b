import fs from 'node:fs';
import path from 'node:path';
import { getContent } from '@/lib/content/repository';
import { SEARCH_CACHE_CONTROL } from '@/lib/seo/http-headers';
import { SITEMAP_PATHS } from '@/lib/seo/sitemaps';
import { axeViolations, describeViolations } from './helpers/axe';
import { baseUrl, useBrowser } from './helpers/browser';
import { horizontalOverflow } from './helpers/measure';
import { COLOR_SCHEMES, representativePages, VIEWPORTS } from './helpers/pages';
import { E2E_PUBLIC_ORIGIN } from './setup/server';

const content = getContent();
const ladybirds = content.articles.find((a) => a.slug === 'garden-insect-count-finds-ladybirds-rebounding')!;
const get = (target: string) => fetch(`${baseUrl()}${target}`, { redirect: 'manual' });
const search = (params: Record<string, string>) => get(`/search?${new URLSearchParams(params)}`);
const head = (html: string) => html.slice(0, html.indexOf('</head>'));
/** Paths of the result headlines on a results page, in order. */
const resultPaths = (html: string) => [...html.matchAll(/<h2 class="search-result__headline"><a href="([^"]+)"/g)].map((m) => m[1]);

const openPage = useBrowser(VIEWPORTS.desktop);

describe('results page', () => {
  it('finds a story by another form of a word, links its headline and marks the match in the snippet', async () => {
    const response = await search({ q: 'ladybird' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(resultPaths(html)).toEqual([ladybirds.path]);
    expect(html).toContain('1 story found.');
    expect(html).toMatch(/<p class="search-result__snippet">[^]*?<mark>ladybirds<\/mark>/i);
    expect(html).toContain(`<p class="search-result__standfirst">${ladybirds.standfirst}</p>`);
  });

  it('forgives a typo, saying which spelling it used, and offers a spelling for a short word', async () => {
    const html = await (await search({ q: 'hubbel' })).text();
    expect(resultPaths(html)[0]).toBe('/science/hubble-deepest-view-still-yielding-galaxies');
    expect(html).toMatch(/these are the results for <a href="\/search\?q=hubble">hubble<\/a>\./);
    const short = await (await search({ q: 'dmx' })).text();
    expect(resultPaths(short)).toEqual([]);
    expect(short).toMatch(/Did you mean <a href="\/search\?q=dmz">dmz<\/a>\?/);
  });

  it('is noindex, follow, never cached by a CDN, and not in any sitemap', async () => {
    const response = await search({ q: 'coffee' });
    expect(response.headers.get('cache-control')).toBe(SEARCH_CACHE_CONTROL);
    expect(response.headers.get('x-robots-tag')).toBe('noindex, follow');
    const html = await response.text();
    expect(head(html)).toContain('<meta name="robots" content="noindex, follow"/>');
    expect(head(html)).not.toContain('rel="canonical"');
    for (const sitemap of Object.values(SITEMAP_PATHS)) expect(await (await get(sitemap)).text()).not.toContain('/search');
  });

  it('is rendered for every request, never from the prerendered fast path', async () => {
    const manifest = path.resolve(__dirname, '..', '..', process.env.E2E_DIST_DIR ?? '.next-e2e', 'prerender-manifest.json');
    if (fs.existsSync(manifest)) expect(Object.keys(JSON.parse(fs.readFileSync(manifest, 'utf8')).routes)).not.toContain('/search');
    // The fast path ignores query strings: two queries answered alike would mean it served the page.
    const [coffee, figs] = await Promise.all([search({ q: 'coffee' }), search({ q: 'figs' })]);
    expect(resultPaths(await coffee.text())).not.toEqual(resultPaths(await figs.text()));
  });

  it('pages through results ten at a time, with the query and filters in the links', async () => {
    // A word most stories use, sorted newest first so the pages are predictable.
    const params = { q: 'year', sort: 'newest' };
    const first = await (await search(params)).text();
    const total = Number(/([\d,]+) stories found/.exec(first)![1]);
    expect(total).toBeGreaterThan(10);
    expect(resultPaths(first)).toHaveLength(10);
    const next = /<a href="([^"]+)" rel="next">/.exec(first)![1].replace(/&amp;/g, '&');
    expect(next).toBe('/search?q=year&sort=newest&page=2');
    const second = await (await get(next)).text();
    expect(resultPaths(second)).toHaveLength(Math.min(10, total - 10));
    expect(new Set([...resultPaths(first), ...resultPaths(second)]).size).toBe(Math.min(20, total));
    expect(second).toMatch(/<ol class="search-results" start="11">/);
  });

  it('filters by section, author, topic and dates, and ignores unknown values with a notice', async () => {
    const only = async (params: Record<string, string>) => resultPaths(await (await search(params)).text());
    const all = await only({ q: 'coffee' });
    const filtered = async (params: Record<string, string>, keep: (article: (typeof content.articles)[number]) => boolean) => {
      const expected = all.filter((p) => keep(content.articles.find((a) => a.path === p)!));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      expect(await only({ q: 'coffee', ...params })).toEqual(expected);
    };
    await filtered({ section: 'culture' }, (a) => a.section === 'culture');
    await filtered({ author: 'mina-park' }, (a) => a.authors.includes('mina-park'));
    await filtered({ tag: 'south-korea' }, (a) => a.tags.some((t) => t.slug === 'south-korea'));
    await filtered({ from: '2026-11-16', to: '2026-11-18' }, (a) => a.publishedTime >= Date.parse('2026-11-16') && a.publishedTime < Date.parse('2026-11-19'));
    const unknown = await search({ q: 'coffee', section: 'sport', sort: 'random', from: 'soon' });
    expect(unknown.status).toBe(200);
    const html = await unknown.text();
    expect(html).toContain('There is no section “sport”, so stories from all sections are shown.');
    expect(html).toContain('not a date like 2026-11-24');
    expect(resultPaths(html).length).toBeGreaterThan(1);
  });

  it('answers an empty or fruitless search with help and the latest stories, not an error', async () => {
    for (const q of ['', 'zzqxv', '-coffee']) {
      const response = await search({ q });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<h2 id="latest-stories">Latest stories</h2>');
      expect(html).toContain(`href="${content.articles[0].path}"`);
    }
  });
});

describe('hostile queries', () => {
  const markup = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '<svg onload=alert(1)>', "'--><b>bold</b>"];
  const queries = [
    ...markup,
    `' OR 1=1; DROP TABLE articles; --`,
    'headline:dmz AND (north OR south)* ~2 ^3 \\',
    '"unclosed quote',
    '""""""',
    '- - -- -"',
    'dmz\u0000\u0007\u001b[31m\u202Eevil\uFEFF',
    '{{7*7}} ${7*7} <%= 7*7 %>',
  ];
  /** Markup outside <script> elements (Next's payload scripts carry the query as JSON), where a tag would be live. */
  const markupOutsideScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');

  it.each(queries.map((q) => [q.slice(0, 40), q]))('%s, in every parameter: 200, with nothing of it live', async (_name, q) => {
    const response = await search({ q, section: q, author: q, tag: q, from: q, to: q, sort: q, page: q });
    expect(response.status).toBe(200);
    const html = markupOutsideScripts(await response.text());
    for (const piece of markup) expect(html).not.toContain(piece);
    expect(html).not.toMatch(/<(img|svg|b)\b[^>]*(src=x|onload|onerror|>bold)/i);
    expect(html).not.toMatch(/[\u0000\u0007\u001b\u202E]/);
  });

  it('executes nothing of a hostile query in Chromium and shows it as text', async () => {
    const page = await openPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    for (const q of markup) {
      await page.goto(`/search?${new URLSearchParams({ q })}`, { waitUntil: 'networkidle' });
      expect(await page.locator('h1').textContent()).toBe(`Search results for “${q}”`);
      expect(await page.getByRole('searchbox', { name: 'Search for' }).inputValue()).toBe(q);
      const handlers = await page.evaluate(() =>
        [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => el.tagName)),
      );
      expect(handlers).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['a malformed percent escape', '/search?q=%E0%A4%A'],
    ['a lone percent sign', '/search?q=%'],
    ['an encoded null', '/search?q=%00'],
    ['a repeated parameter', '/search?q=dmz&q=figs&section=world&section=science'],
    ['bracketed parameters', '/search?q[]=dmz&q[x]=1&page[]=2'],
    ['5,000 letters', `/search?q=${'a'.repeat(5_000)}`],
    ['1,000 emoji', `/search?q=${'%F0%9F%9A%80'.repeat(1_000)}`],
  ])('%s gets 200 or 400, never 5xx', async (_name, target) => {
    expect([200, 400]).toContain((await get(target)).status);
  });

  it('uses only the first 200 characters of a query and says so', async () => {
    const html = await (await search({ q: `coffee ${'x'.repeat(400)}` })).text();
    expect(html).toContain('Only the first 200 characters of your search were used.');
    const value = /<input id="search-q"[^>]* value="([^"]*)"/.exec(html)![1];
    expect(value).toBe(`coffee ${'x'.repeat(193)}`);
  });
});

describe('browser conventions', () => {
  it('links the OpenSearch description from the <head> of every page', async () => {
    // In the browser: Next sends the 404 of an unknown story as an error shell that React fills in.
    const page = await openPage();
    const links: Record<string, string[]> = {};
    for (const { path: pagePath } of [...representativePages(), { path: '/search?q=dmz' }]) {
      await page.goto(pagePath, { waitUntil: 'networkidle' });
      links[pagePath] = await page.$$eval('head link[rel="search"]', (found) =>
        found.map((link) => `${link.getAttribute('type')} ${link.getAttribute('href')} ${link.getAttribute('title')}`),
      );
    }
    const expected = Object.fromEntries(Object.keys(links).map((p) => [p, ['application/opensearchdescription+xml /opensearch.xml NewsBite']]));
    expect(links).toEqual(expected);
    await page.context().close();
  });

  it('serves the OpenSearch description with absolute URLs for the public origin', async () => {
    const response = await get('/opensearch.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/opensearchdescription+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<ShortName>NewsBite</ShortName>');
    expect(xml).toContain(`template="${E2E_PUBLIC_ORIGIN}/search?q={searchTerms}"`);
  });

  it('gives the home page’s WebSite structured data a SearchAction', async () => {
    const html = await (await get('/')).text();
    const graphs = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]));
    const website = graphs.flatMap((g) => g['@graph'] ?? []).find((node: { '@type': string }) => node['@type'] === 'WebSite');
    expect(website.potentialAction).toEqual({
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${E2E_PUBLIC_ORIGIN}/search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    });
  });
});

describe('in Chromium', () => {
  it('searches from the header of any page with JavaScript off, then filters from the results page', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto(ladybirds.path);
    await page.getByRole('search', { name: 'Site' }).getByRole('searchbox').fill('coffee');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=coffee');
    expect(await page.locator('h1').textContent()).toBe('Search results for “coffee”');
    const results = page.locator('.search-result__headline a');
    expect(await results.count()).toBeGreaterThan(1);

    await page.getByText('Filter and sort').click();
    await page.getByLabel('Section', { exact: true }).selectOption('culture');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/search?q=coffee&section=culture*');
    expect(await results.allTextContents()).toEqual([content.articles.find((a) => a.slug === 'seoul-hand-drip-coffee-bars')!.headline]);
    await page.context().close();
  });

  it.each(COLOR_SCHEMES)('has no axe violation on results, no-result and empty pages, %s scheme', async (colorScheme) => {
    const found: Record<string, string[]> = {};
    for (const device of ['desktop', 'phone'] as const) {
      const page = await openPage({ ...VIEWPORTS[device], colorScheme });
      for (const target of ['/search?q=coffee+cups&sort=newest', '/search?q=year&page=2', '/search?q=zzqxv&section=nope', '/search']) {
        await page.goto(target, { waitUntil: 'networkidle' });
        const violations = describeViolations(await axeViolations(page));
        if (violations.length) found[`${device} ${target}`] = violations;
      }
      await page.context().close();
    }
    expect(found).toEqual({});
  });

  it('never scrolls sideways at 320 px, with the header search box and the filters', async () => {
    const page = await openPage({ viewport: { width: 320, height: 640 }, isMobile: true });
    for (const target of ['/', '/search?q=coffee']) {
      await page.goto(target, { waitUntil: 'networkidle' });
      const overflow = await horizontalOverflow(page);
      expect({ target, ...overflow }).toMatchObject({ target, culprits: [] });
    }
    await page.context().close();
  });
});
