import { getContent } from '@/lib/content/repository';
import { axeViolations, describeViolations } from './helpers/axe';
import { baseUrl, useBrowser } from './helpers/browser';
import { horizontalOverflow } from './helpers/measure';
import { COLOR_SCHEMES, representativePages, VIEWPORTS } from './helpers/pages';
import { describeSearchPages, HOSTILE_MARKUP } from './helpers/search-pages';
import { E2E_PUBLIC_ORIGIN } from './setup/server';

const content = getContent();
const ladybirds = content.articles.find((a) => a.slug === 'garden-insect-count-finds-ladybirds-rebounding')!;
const get = (target: string) => fetch(`${baseUrl()}${target}`, { redirect: 'manual' });

const openPage = useBrowser(VIEWPORTS.desktop);

describeSearchPages('embedded engine', baseUrl);

describe('hostile queries in Chromium', () => {
  it('executes nothing of a hostile query in Chromium and shows it as text', async () => {
    const page = await openPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    for (const q of HOSTILE_MARKUP) {
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
