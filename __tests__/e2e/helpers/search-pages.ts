import fs from 'node:fs';
import path from 'node:path';
import { getContent } from '@/lib/content/repository';
import { SEARCH_CACHE_CONTROL } from '@/lib/seo/http-headers';
import { SITEMAP_PATHS } from '@/lib/seo/sitemaps';

/** Markup a hostile query may carry; none of it may come back live. */
export const HOSTILE_MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '<svg onload=alert(1)>', "'--><b>bold</b>"];

/** Paths of the result headlines on a results page, in order. */
export const resultPaths = (html: string) => [...html.matchAll(/<h2 class="search-result__headline"><a href="([^"]+)"/g)].map((m) => m[1]);

/**
 * The search page over HTTP, the same for every engine: run against the embedded engine
 * (__tests__/e2e/search.test.ts) and PostgreSQL (__tests__/e2e/postgres-search.test.ts), each
 * serving the repository's own content.
 */
export function describeSearchPages(name: string, origin: () => string): void {
  const content = getContent();
  const ladybirds = content.articles.find((a) => a.slug === 'garden-insect-count-finds-ladybirds-rebounding')!;
  const get = (target: string) => fetch(`${origin()}${target}`, { redirect: 'manual' });
  const search = (params: Record<string, string>) => get(`/search?${new URLSearchParams(params)}`);
  const head = (html: string) => html.slice(0, html.indexOf('</head>'));

  describe(`${name}: results page`, () => {
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

  describe(`${name}: hostile queries`, () => {
    const markup = HOSTILE_MARKUP;
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
}
