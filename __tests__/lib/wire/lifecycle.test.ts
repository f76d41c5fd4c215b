import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createRepository } from '@/lib/content/repository';
import { markdownToHtml } from '@/lib/markdown';
import { formatResult, importJsonText, type ImportResult } from '@/lib/wire/import';
import { fixture, importFixture, makeSite, NOW, startPictureServer, TEST_LIMITS, type PictureServer, type Site } from './helpers';

let pictures: PictureServer;
beforeAll(async () => {
  pictures = await startPictureServer();
});
afterAll(() => pictures.close());

function single(results: ImportResult[]): ImportResult {
  expect(results).toHaveLength(1);
  return results[0];
}

describe('a story across its versions: usable, update, replay, correction, withheld, restored', () => {
  let site: Site;
  const run = async (name: string, now = NOW) => single(await importFixture(site, name, { vars: { PICTURES: pictures.base }, now: () => now }));
  const file = 'articles/wire/harbour-ferry-resumes-after-storm-repairs.md';
  const url = '/business/harbour-ferry-resumes-after-storm-repairs';

  beforeAll(() => {
    site = makeSite();
  });
  afterAll(() => site.cleanup());

  it('imports version 1 as a published story with its picture, byline, dateline and attribution', async () => {
    const result = await run('story-v1.json');
    expect(result).toMatchObject({ outcome: 'imported', uri: 'urn:newsbite-test:harbour-ferry', path: url, file });
    expect(formatResult(result)).toMatch(/^imported urn:newsbite-test:harbour-ferry \/business\/harbour-ferry-resumes-after-storm-repairs version 1, new in business; 1 picture$/);
    const { data, body } = site.read(file);
    expect(data).toMatchObject({
      status: 'published',
      section: 'business', // Transport is not mapped; Economy (medtop:04000000) is
      headline: 'Harbour ferry resumes after storm repairs',
      standfirst: 'The island ferry sailed again on Tuesday after a week of repairs to its storm-damaged pier.',
      byline: 'Ana Ruiz and Ji-ho Seo',
      dateline: 'BUSAN',
      published: '2026-11-24T09:30:00+09:00',
      tags: ['Transport', 'Economy', 'Current'],
      hero: {
        alt: 'A white ferry moored at a wooden pier under a pale morning sky.',
        caption: "The repaired pier at first light, before the ferry's first crossing.",
        credit: 'Min Park/Example Wire',
      },
      syndication: { source: 'Example Wire', copyright: '© 2026 Example Wire. All rights reserved.', wireLine: 'with Harbour Radio', noindexNews: true },
      wire: { provider: 'Example Wire', uri: 'urn:newsbite-test:harbour-ferry', version: '1', pubStatus: 'usable' },
    });
    expect(data.updated).toBeUndefined();
    expect(data.authors).toBeUndefined();
    // The HTML body, not the plain-text one.
    expect(body).toContain('<p>Engineers worked through the week to replace the pier\'s <em>timber fenders</em>, the port authority said.</p>');

    const content = site.load();
    const article = content.articles.find((a) => a.path === url)!;
    expect(article.hero).toMatchObject({ width: 2400, height: 1600 });
    expect(createRepository(content, NOW).article('business', 'harbour-ferry-resumes-after-storm-repairs')).toBeDefined();
  });

  it('fetched the best rendition and stored it resized, as a JPEG under a content-addressed name', async () => {
    expect(pictures.requests).toContain('/ferry-large.jpg');
    expect(pictures.requests).not.toContain('/ferry-small.jpg');
    const [photo] = site.photoFiles();
    expect(photo).toMatch(/^wire-[0-9a-f]{20}\.jpg$/);
    expect(site.read(file).data.hero).toMatchObject({ src: `/photos/${photo}` });
    const meta = await sharp(path.join(site.dirs.photosDir, photo)).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 2400, height: 1600 });
  });

  it('updates the same file and URL for a higher version, adding an Updated time', async () => {
    const result = await run('story-v2-update.json');
    expect(result).toMatchObject({ outcome: 'updated', path: url, file });
    expect(result.reason).toMatch(/^version 1 -> 2: body changed/);
    const { data, body } = site.read(file);
    expect(data).toMatchObject({ published: '2026-11-24T09:30:00+09:00', updated: '2026-11-24T11:05:00+09:00', wire: { version: '2' } });
    expect(data.corrections).toBeUndefined();
    expect(body).toContain('Timetables return to normal on Thursday.');
    expect(site.articleFiles()).toEqual(['wire/harbour-ferry-resumes-after-storm-repairs.md']);
    expect(site.photoFiles()).toHaveLength(1); // the same picture is stored once
    site.load();
  });

  it('ignores a replay of an older or equal version and leaves the file alone', async () => {
    const before = fs.readFileSync(path.join(site.dirs.contentDir, file), 'utf8');
    const fetches = pictures.requests.length;
    expect(await run('story-v1.json')).toMatchObject({ outcome: 'ignored', path: url, reason: 'version 1 is not newer than version 2 (a replay)' });
    expect(await run('story-v2-update.json')).toMatchObject({ outcome: 'ignored', reason: 'version 2 is not newer than version 2 (a replay)' });
    expect(fs.readFileSync(path.join(site.dirs.contentDir, file), 'utf8')).toBe(before);
    expect(pictures.requests.length).toBe(fetches); // a replay costs no download
  });

  it('keeps the URL when the headline changes and adds the correction note the provider marked', async () => {
    const result = await run('story-v3-correction.json');
    expect(result).toMatchObject({ outcome: 'updated', path: url });
    expect(result.reason).toMatch(/headline and body changed; correction noted/);
    const { data } = site.read(file);
    expect(data).toMatchObject({
      headline: 'Harbour ferry resumes after storm repairs to its pier',
      updated: '2026-11-24T13:20:00+09:00',
      corrections: [{ date: '2026-11-24T13:20:00+09:00', text: 'An earlier version of this story said the ferry sailed again on Tuesday. It sailed on Wednesday.' }],
    });
    const content = site.load();
    expect(createRepository(content, NOW).corrections.map((c) => c.article.path)).toEqual([url]);
  });

  it('withdraws a withheld version (410, out of every list) and keeps the story text', async () => {
    const result = await run('story-v4-withheld.json');
    expect(result).toMatchObject({ outcome: 'withdrawn', path: url });
    const { data } = site.read(file);
    expect(data).toMatchObject({ status: 'withdrawn', headline: 'Harbour ferry resumes after storm repairs to its pier', wire: { version: '4', pubStatus: 'withheld' } });
    expect(data.withdrawnReason).toMatch(/Withheld at the request of Example Wire/);
    const repository = createRepository(site.load(), NOW);
    expect(repository.article('business', 'harbour-ferry-resumes-after-storm-repairs')).toBeUndefined();
    expect(repository.withdrawn(url)).toBeDefined();
    expect(repository.articlesInSection('business')).toHaveLength(0);
  });

  it('restores a withheld story with a later usable version, comparing versions as numbers (10 > 4)', async () => {
    const result = await run('story-v10-restored.json');
    expect(result).toMatchObject({ outcome: 'updated', path: url });
    expect(result.reason).toMatch(/^version 4 -> 10: body changed; restored after being withheld/);
    const { data } = site.read(file);
    expect(data).toMatchObject({ status: 'published', wire: { version: '10', pubStatus: 'usable' } });
    expect(data.withdrawnReason).toBeUndefined();
    expect(data.corrections).toHaveLength(1); // the earlier note stays
    expect(createRepository(site.load(), NOW).article('business', 'harbour-ferry-resumes-after-storm-repairs')).toBeDefined();
  });

  it('reports a higher version that changes nothing readers see as unchanged, without rewriting the file', async () => {
    const v11 = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'ninjs', 'story-v10-restored.json'), 'utf8'));
    v11.version = '11';
    v11.urgency = 2;
    const scratch = path.join(site.dir, 'v11.json');
    fs.writeFileSync(scratch, JSON.stringify(v11).replaceAll('{{PICTURES}}', pictures.base));
    const before = fs.statSync(path.join(site.dirs.contentDir, file)).mtimeMs;
    const { importPaths } = await import('@/lib/wire/import');
    const [result] = await importPaths([scratch], { store: site.store, now: () => NOW, limits: { timeoutMs: 3000, maxBytes: 25e6, allowPrivateNetwork: true } });
    expect(result).toMatchObject({ outcome: 'unchanged', path: url, reason: 'version 11: nothing readers see changed' });
    expect(fs.statSync(path.join(site.dirs.contentDir, file)).mtimeMs).toBe(before);
  });
});

describe('kills: canceled is final', () => {
  let site: Site;
  const run = async (name: string) => single(await importFixture(site, name, { now: () => NOW }));
  const url = '/world/council-approves-night-bus-trial';

  beforeEach(() => {
    site = makeSite();
  });
  afterEach(() => site.cleanup());

  it('follows the Superdesk kill sequence in ninjs 2.x: usable, corrected, canceled; no replay brings it back', async () => {
    expect(await run('kill-seq-1_v2_usable.json')).toMatchObject({ outcome: 'imported', path: url });
    const corrected = await run('kill-seq-2_v3_corrected.json');
    // Superdesk's "corrected" version carries no mark of a correction: an update, with an Updated time, no note.
    expect(corrected).toMatchObject({ outcome: 'updated', path: url, reason: 'version 2 -> 3: body changed' });
    expect(site.read('articles/wire/council-approves-night-bus-trial.md').data).toMatchObject({ updated: '2026-11-20T10:21:13Z' });
    expect(site.read('articles/wire/council-approves-night-bus-trial.md').data.corrections).toBeUndefined();

    const kill = await run('kill-seq-3_v4_canceled.json');
    expect(kill).toMatchObject({ outcome: 'withdrawn', path: url, reason: 'killed (canceled) by Example Press at version 4: withdrawn for good' });
    const { data, body } = site.read('articles/wire/council-approves-night-bus-trial.md');
    // The kill notice's own headline and text are not published anywhere.
    expect(data).toMatchObject({ status: 'withdrawn', headline: 'Council approves night bus trial', wire: { version: '4', pubStatus: 'canceled' } });
    expect(body).toContain('four routes');

    for (const replay of ['kill-seq-1_v2_usable.json', 'kill-seq-2_v3_corrected.json', 'kill-seq-4_v5_usable_after_kill.json']) {
      const result = await run(replay);
      expect(result).toMatchObject({ outcome: 'ignored', path: url });
      expect(result.reason).toMatch(/^killed at version 4: a kill is final/);
    }
    const repository = createRepository(site.load(), NOW);
    expect(repository.withdrawn(url)).toBeDefined();
    expect(repository.articles).toHaveLength(0);
    expect(repository.heldListPage('tag:local-government', 1, 10)?.total).toBe(0);
    expect(repository.tags).toHaveLength(0);
  });

  it('keeps a tombstone for a kill of a story it never had, so the late original is not published', async () => {
    const kill = await run('kill-seq-3_v4_canceled.json');
    expect(kill.outcome).toBe('withdrawn');
    expect(kill.reason).toMatch(/never published here; kept as a tombstone/);
    const late = await run('kill-seq-1_v2_usable.json');
    expect(late).toMatchObject({ outcome: 'ignored', reason: expect.stringMatching(/^killed at version 4/) });
    expect(createRepository(site.load(), NOW).articles).toHaveLength(0);
  });

  it('applies a kill even when the kill notice is otherwise invalid, and says so', async () => {
    await run('kill-seq-1_v2_usable.json');
    const kill = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'ninjs', 'kill-seq-3_v4_canceled.json'), 'utf8'));
    kill.killreason = 'legal';
    const { importJsonText } = await import('@/lib/wire/import');
    const [result] = await importJsonText(JSON.stringify(kill), 'kill.json', { store: site.store, now: () => NOW });
    expect(result).toMatchObject({ outcome: 'withdrawn', path: url });
    expect(result.reason).toMatch(/withdrawn for good \(applied although the document is invalid: killreason: unknown field/);
    expect(site.read('articles/wire/council-approves-night-bus-trial.md').data).toMatchObject({ status: 'withdrawn', wire: { pubStatus: 'canceled', version: '4' } });
    // Without a story to take down, an invalid kill is simply refused.
    kill.uri = 'urn:newsbite-test:never-seen';
    const [unknown] = await importJsonText(JSON.stringify(kill), 'kill2.json', { store: site.store, now: () => NOW });
    expect(unknown).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/^kill2\.json: killreason: unknown field/) });
    site.load();
  });

  it('restores a story first seen as withheld when a later usable version arrives', async () => {
    const withheld = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'ninjs', 'kill-seq-1_v2_usable.json'), 'utf8'));
    withheld.pubstatus = 'withheld';
    const { importJsonText } = await import('@/lib/wire/import');
    const [first] = await importJsonText(JSON.stringify(withheld), 'withheld.json', { store: site.store, now: () => NOW });
    expect(first).toMatchObject({ outcome: 'withdrawn', path: url });
    expect(createRepository(site.load(), NOW).withdrawn(url)).toBeDefined();
    const restored = await run('kill-seq-2_v3_corrected.json');
    expect(restored).toMatchObject({ outcome: 'updated', path: url });
    expect(restored.reason).toMatch(/restored after being withheld/);
    expect(createRepository(site.load(), NOW).article('world', 'council-approves-night-bus-trial')).toBeDefined();
  });

  it('notes a correction an editor\'s note marks ("CORRECTS ...")', async () => {
    await run('kill-seq-1_v2_usable.json');
    const v3 = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'ninjs', 'kill-seq-2_v3_corrected.json'), 'utf8'));
    v3.ednote = 'CORRECTS number of routes in first paragraph';
    const { importJsonText } = await import('@/lib/wire/import');
    const [result] = await importJsonText(JSON.stringify(v3), 'v3.json', { store: site.store, now: () => NOW });
    expect(result.reason).toMatch(/correction noted/);
    expect(site.read('articles/wire/council-approves-night-bus-trial.md').data.corrections).toEqual([
      { date: '2026-11-20T10:21:13Z', text: 'This story was corrected after it was first published.' },
    ]);
    site.load();
  });
});

describe('embargo, pictures without alt text or credit, text-only and hostile HTML', () => {
  let site: Site;
  beforeEach(() => {
    site = makeSite();
  });
  afterEach(() => site.cleanup());
  const run = async (name: string) => single(await importFixture(site, name, { vars: { PICTURES: pictures.base }, now: () => NOW }));

  it('holds an embargoed story until embargoedUntil, when it goes live by itself', async () => {
    const result = await run('embargo.json');
    expect(result).toMatchObject({ outcome: 'held', path: '/science/study-maps-the-quietest-places-in-europe' });
    expect(result.reason).toMatch(/embargoed until 2026-11-26T06:00:00\+09:00/);
    expect(site.read('articles/wire/study-maps-the-quietest-places-in-europe.md').data).toMatchObject({ status: 'published', published: '2026-11-26T06:00:00+09:00' });
    const content = site.load();
    const lift = Date.parse('2026-11-26T06:00:00+09:00');
    expect(createRepository(content, NOW).articles).toHaveLength(0);
    expect(createRepository(content, NOW).nextEmbargoLift).toBe(lift);
    expect(createRepository(content, lift).articles.map((a) => a.slug)).toEqual(['study-maps-the-quietest-places-in-europe']);
  });

  it('lands a story whose picture has no alt text as a draft naming the picture, and never makes alt text up', async () => {
    const result = await run('missing-alt.json');
    expect(result.outcome).toBe('held');
    expect(result.reason).toMatch(/draft until an editor adds them: associations\[0\] "pic1" has no alt text/);
    const file = 'articles/wire/winter-birds-return-to-the-lake.md';
    const { data, text } = site.read(file);
    expect(data.status).toBe('draft');
    // The picture with alt text is used; the other is stored and listed for the editor, not shown.
    expect(data.hero).toMatchObject({ alt: 'A person in a red coat looks through binoculars from a wooden hide.' });
    expect(data.gallery).toBeUndefined();
    expect(text).not.toMatch(/alt: "Whooper swans/);
    const listed = /#   - src: (\/photos\/wire-[0-9a-f]+\.jpg)\s+# associations\[0\] "pic1": no alt text/.exec(text);
    expect(listed).not.toBeNull();
    expect(site.photoFiles()).toContain(listed![1].slice('/photos/'.length));
    const content = site.load();
    expect(createRepository(content, NOW).articles).toHaveLength(0);

    // An editor writes the alt text and publishes; the next wire version keeps it and stays live.
    const edited = text
      .replace('status: "draft"', 'status: "published"')
      .replace('syndication:', `gallery:\n  - src: "${listed![1]}"\n    alt: "Swans standing on ice at the edge of a lake."\n    caption: "Whooper swans on the frozen edge of the lake."\n    credit: "Eva Lind/Example Wire"\nsyndication:`);
    fs.writeFileSync(path.join(site.dirs.contentDir, file), edited);
    site.load();
    const next = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'ninjs', 'missing-alt.json'), 'utf8').replaceAll('{{PICTURES}}', pictures.base));
    next.version = '2';
    next.bodies[0].value += '<p>The count continues next week.</p>';
    const { importJsonText } = await import('@/lib/wire/import');
    const [update] = await importJsonText(JSON.stringify(next), 'v2.json', { store: site.store, now: () => NOW, limits: { timeoutMs: 3000, maxBytes: 25e6, allowPrivateNetwork: true } });
    expect(update.outcome).toBe('updated');
    const after = site.read(file).data;
    expect(after.status).toBe('published');
    expect(after.hero).toMatchObject({ alt: 'Swans standing on ice at the edge of a lake.' });
    expect(after.gallery).toEqual([expect.objectContaining({ alt: 'A person in a red coat looks through binoculars from a wooden hide.' })]);
    site.load();
  });

  it('lands a story whose picture has no credit as a draft naming it', async () => {
    const result = await run('missing-credit.json');
    expect(result.outcome).toBe('held');
    expect(result.reason).toMatch(/associations\[0\] "pic1" has no credit/);
    expect(site.read('articles/wire/lake-count-finds-rare-visitor.md').data).toMatchObject({ status: 'draft' });
    expect(site.read('articles/wire/lake-count-finds-rare-visitor.md').data.hero).toBeUndefined();
    site.load();
  });

  it('imports a text-only story (no picture), with the provider as byline when there is no "by"', async () => {
    const result = await run('text-only.json');
    expect(result).toMatchObject({ outcome: 'imported', path: '/business/central-bank-holds-rates-steady' });
    expect(result.reason).toMatch(/text only/);
    const { data, body } = site.read('articles/wire/central-bank-holds-rates-steady.md');
    expect(data).toMatchObject({
      status: 'published',
      byline: 'Example Wire',
      dateline: 'NEW YORK',
      published: '2026-11-23T07:00:00-05:00',
      standfirst: 'The central bank kept its main rate unchanged on Monday.',
      syndication: { source: 'Example Wire', copyright: 'Copyright 2026 Example Wire', noindexNews: true },
    });
    expect(data.hero).toBeUndefined();
    expect(body.trim()).toBe('<p>The central bank kept its main rate unchanged on Monday.</p>\n<p>Officials said they would watch inflation closely.</p>');
    const article = site.load().articles[0];
    expect(article.hero).toBeUndefined();
    expect(article.byline).toBe('Example Wire');
  });

  it('cleans hostile HTML at import, and nothing dangerous survives the page renderer either', async () => {
    const result = await run('hostile-html.json');
    expect(result).toMatchObject({ outcome: 'imported', path: '/world/council-debates-budget' });
    const { data, body } = site.read('articles/wire/council-debates-budget.md');
    expect(data).toMatchObject({ headline: 'Council debates budget', standfirst: 'The budget debate ran late.', byline: "Eve O'Hostile" });
    const rendered = markdownToHtml(body);
    for (const html of [body, rendered]) {
      expect(html).not.toMatch(/<(script|style|iframe|object|embed|svg|math|img|form|input|base|meta|title|h1)\b/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/javascript:|data:|style=/i);
      expect(html).not.toContain('alert');
    }
    expect(body).not.toMatch(/\n\s*\n/); // one HTML block: Markdown leaves it alone
    expect(rendered).toContain('<a href="https://example.org/budget">the budget</a>');
    expect(rendered).toContain('<p>Nested <strong>kept</strong>.</p>');
    expect(rendered).toContain('<pre>line one<br><br>line three</pre>');
    expect(rendered).toContain('<p>After blank lines.</p>');
    expect(rendered).toContain('<p>Styled text stays as text.</p>');
    site.load();
  });
});

describe('a ninjs 2.x story with a picture (the stories above are 3.x)', () => {
  let site: Site;
  beforeEach(() => {
    site = makeSite();
  });
  afterEach(() => site.cleanup());
  const FILE = 'articles/wire/port-tries-a-quieter-crane-on-the-night-shift.md';
  /** The fixture as an object, to vary. */
  const composite = (): Record<string, unknown> & { associations: { descriptions: { role: string }[] }[] } =>
    JSON.parse(fixture('ninjs2-composite.json', { PICTURES: pictures.base }));
  const importDocument = async (document: object, label: string) =>
    single(await importJsonText(JSON.stringify(document), label, { store: site.store, limits: TEST_LIMITS, now: () => NOW }));

  it('imports with its picture, byline as written, dateline, attribution and the section of its first mapped subject', async () => {
    const result = single(await importFixture(site, 'ninjs2-composite.json', { vars: { PICTURES: pictures.base }, now: () => NOW }));
    expect(result).toMatchObject({ outcome: 'imported', uri: 'urn:newsbite-test:quiet-crane', path: '/technology/port-tries-a-quieter-crane-on-the-night-shift', file: FILE });
    expect(result.reason).toBe('version 3, new in technology; 1 picture');
    const { data, body } = site.read(FILE);
    expect(data).toMatchObject({
      status: 'published',
      section: 'technology',
      headline: 'Port tries a quieter crane on the night shift',
      standfirst: 'An electric crane halves the noise heard in the streets behind the docks.',
      byline: 'By Lena Varga, Example Wire',
      dateline: 'TALLINN',
      published: '2026-11-22T14:05:00+02:00', // the provider's offset is kept
      updated: '2026-11-22T15:10:00+02:00',
      tags: ['Technology', 'Ports and shipping', 'Current'],
      hero: {
        alt: 'A tall crane lit by floodlights lifts a red container above a dark quay.',
        caption: 'The electric crane lifts its first container of the night trial.',
        credit: 'Pia Saar/Example Wire',
      },
      syndication: { source: 'Example Wire', copyright: 'Copyright 2026 Example Wire. All rights reserved.', noindexNews: true },
      wire: { provider: 'Example Wire', uri: 'urn:newsbite-test:quiet-crane', version: '3', pubStatus: 'usable' },
    });
    // The HTML body, without the headline it repeats or the figure it embeds; the quotation stays.
    expect(body).not.toMatch(/<h1|<figure|<img|crane-dusk|The crane at dusk/);
    expect(body).toContain('<blockquote>For the first time in years we slept with the window open, one neighbour said.</blockquote>');
    expect(body).toContain('<p>Managers will decide in the spring whether to order three more.</p>');
    expect(site.photoFiles()).toHaveLength(1);
    const content = site.load();
    expect(createRepository(content, NOW).article('technology', 'port-tries-a-quieter-crane-on-the-night-shift')).toBeDefined();
  });

  it('lands as a draft when its picture has no alt text, keeping caption and credit for the editor', async () => {
    const document = composite();
    document.associations[0].descriptions = document.associations[0].descriptions.filter((d) => d.role !== 'alt');
    const result = await importDocument(document, 'no-alt.json');
    expect(result.outcome).toBe('held');
    expect(result.reason).toMatch(/draft until an editor adds them: associations\[0\] "mainpic" has no alt text$/);
    const { data, text } = site.read(FILE);
    expect(data).toMatchObject({ status: 'draft' });
    expect(data.hero).toBeUndefined();
    expect(text).toContain('#     caption: "The electric crane lifts its first container of the night trial."');
    expect(text).toContain('#     credit: "Pia Saar/Example Wire"');
    expect(text).not.toMatch(/alt: "The electric crane/); // alt text is never made up from the caption
    expect(createRepository(site.load(), NOW).articles).toHaveLength(0);
  });

  it('is held until its 2.x "embargoed" time, then goes live by itself', async () => {
    const result = await importDocument({ ...composite(), embargoed: '2026-11-26T08:00:00+02:00' }, 'embargoed.json');
    expect(result).toMatchObject({ outcome: 'held', path: '/technology/port-tries-a-quieter-crane-on-the-night-shift' });
    expect(result.reason).toMatch(/embargoed until 2026-11-26T08:00:00\+02:00/);
    const content = site.load();
    const lift = Date.parse('2026-11-26T08:00:00+02:00');
    expect(createRepository(content, NOW).articles).toHaveLength(0);
    expect(createRepository(content, lift).articles.map((a) => a.slug)).toEqual(['port-tries-a-quieter-crane-on-the-night-shift']);
  });
});
