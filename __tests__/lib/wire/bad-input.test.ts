import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { formatResult, importJsonText, importPaths, type ImportResult } from '@/lib/wire/import';
import { FIXTURES, fixture, importFixture, makeSite, NOW, startPictureServer, TEST_LIMITS, unreachableBase, type PictureServer, type Site } from './helpers';

let pictures: PictureServer;
let site: Site;
beforeAll(async () => {
  pictures = await startPictureServer();
});
afterAll(() => pictures.close());
beforeEach(() => {
  site = makeSite();
});
afterEach(() => site.cleanup());

const run = async (name: string, vars: Record<string, string> = {}) => importFixture(site, name, { vars: { PICTURES: pictures.base, ...vars }, now: () => NOW });

/** Nothing half-written: no article, no photo, no temporary file left behind. */
function expectNothingWritten() {
  expect(site.articleFiles()).toEqual([]);
  expect(fs.readdirSync(site.dirs.photosDir)).toEqual([]);
  expect(fs.readdirSync(site.dirs.contentDir).filter((name) => name.startsWith('.'))).toEqual([]);
}

describe('bad input is refused with a message naming the document and the field, and nothing is written', () => {
  it.each<[string, RegExp]>([
    ['not-json.json', /^not-json\.json: not JSON: /],
    ['not-ninjs.json', /^not-ninjs\.json: uri: is required; hello: unknown field: ninjs 3\.x has no "hello" here$/],
    ['unknown-fields.json', /^unknown-fields\.json: headlines\[0\]\.mood: unknown field: ninjs 2\.x has no "mood" here; bogus: unknown field: ninjs 2\.x has no "bogus" here$/],
    ['wrong-casing.json', /^wrong-casing\.json: versioncreated: wrong version casing: "versioncreated" is ninjs 2\.x \(3\.x: "versionCreated"\) but "firstCreated" is 3\.x/],
    ['bad-date-no-offset.json', /^bad-date-no-offset\.json: firstCreated: "2026-11-24T08:00:00" has no time-zone offset: add Z or ±hh:mm/],
    ['bad-date-calendar.json', /^bad-date-calendar\.json: versionCreated: "2026-02-30T08:00:00Z" is not an RFC 3339 date-time/],
  ])('%s', async (name, message) => {
    const [result] = await run(name);
    expect(result.outcome).toBe('rejected');
    expect(result.reason).toMatch(message);
    expect(formatResult(result)).toMatch(/^rejected \S+ - /);
    expectNothingWritten();
  });

  it('refuses a picture that is unreachable, naming the rendition', async () => {
    const [result] = await run('unreachable-picture.json', { UNREACHABLE: await unreachableBase() });
    expect(result).toMatchObject({ outcome: 'rejected', uri: 'urn:newsbite-test:unreachable' });
    expect(result.reason).toMatch(/associations\[0\]\.renditions\[0\]\.href: http:\/\/127\.0\.0\.1:\d+\/snow\.jpg refused the connection \(unreachable\)/);
    expectNothingWritten();
  });

  it('refuses a "picture" that is a web page, or bytes that do not decode', async () => {
    const [page] = await run('not-an-image.json');
    expect(page.reason).toMatch(/associations\[0\]\.renditions\[0\]\.href: \S+\/page\.html is "text\/html", not an image/);
    const [garbage] = await run('not-an-image-bytes.json');
    expect(garbage.reason).toMatch(/garbage\.jpg is not an image \(it could not be decoded\)/);
    expectNothingWritten();
  });

  it('imports the rest of a batch when one document is bad', async () => {
    const results = await run('batch.json');
    expect(results.map((r) => [r.outcome, r.source])).toEqual([
      ['imported', 'batch.json#0'],
      ['rejected', 'batch.json#1'],
      ['imported', 'batch.json#2'],
    ]);
    expect(results[1].reason).toMatch(/^batch\.json#1: firstCreated: .* has no time-zone offset/);
    site.load();
    expect(site.articleFiles()).toEqual(['wire/batch-story-one.md', 'wire/batch-story-three.md']);
  });

  it('reads a folder (every *.json), carrying on past bad files', async () => {
    const folder = path.join(site.dir, 'drop');
    fs.mkdirSync(folder);
    for (const name of ['text-only.json', 'not-json.json', 'kill-seq-1_v2_usable.json', 'unknown-fields.json']) fs.copyFileSync(path.join(FIXTURES, name), path.join(folder, name));
    fs.writeFileSync(path.join(folder, 'README.txt'), 'not imported');
    const results = await importPaths([folder, path.join(site.dir, 'missing.json')], { store: site.store, now: () => NOW });
    expect(results.map((r) => `${r.outcome} ${path.basename(r.source)}`)).toEqual([
      'imported kill-seq-1_v2_usable.json',
      'rejected not-json.json',
      'imported text-only.json',
      'rejected unknown-fields.json',
      'rejected missing.json',
    ]);
    expect(results[4].reason).toMatch(/missing\.json: cannot be read: ENOENT/);
  });

  it('refuses a document that is valid ninjs but not a publishable story, or an array that is empty', async () => {
    const [noHeadline] = await importJsonText(JSON.stringify({ uri: 'urn:x:1', bodies: [{ value: 'Body' }] }), 'a.json', { store: site.store });
    expect(noHeadline.reason).toBe('a.json: headlines: a story needs a headline (a headline with role "main")');
    const [noBody] = await importJsonText(JSON.stringify({ uri: 'urn:x:2', headlines: [{ value: 'Title' }], bodies: [{ contentType: 'text/html', value: '<script>x</script>' }] }), 'b.json', { store: site.store });
    expect(noBody.reason).toMatch(/^b\.json: bodies: a story needs a body/);
    const [badVersion] = await importJsonText(JSON.stringify({ uri: 'urn:x:3', version: 'v2' }), 'c.json', { store: site.store });
    expect(badVersion.reason).toBe('c.json: version: "v2" is not a whole number: ninjs versions are compared as numbers');
    const [picture] = await importJsonText(JSON.stringify({ uri: 'urn:x:4', type: 'picture' }), 'd.json', { store: site.store });
    expect(picture).toMatchObject({ outcome: 'ignored', reason: 'type picture: only text stories are published' });
    const [empty] = await importJsonText('[]', 'e.json', { store: site.store });
    expect(empty).toMatchObject({ outcome: 'rejected', reason: 'e.json: an empty array holds no document' });
    expectNothingWritten();
  });

  it('refuses everything, clearly, when wire.yml is broken', async () => {
    fs.writeFileSync(path.join(site.dirs.contentDir, 'wire.yml'), 'default: sport\n');
    const [result] = await run('text-only.json');
    expect(result.reason).toMatch(/content\/wire\.yml: default: "sport" is not a section in sections\.yml \(known: world, business, technology, science, culture\)/);
    fs.rmSync(path.join(site.dirs.contentDir, 'wire.yml'));
    const [missing] = await run('text-only.json');
    expect(missing.reason).toMatch(/content\/wire\.yml: is missing/);
    expectNothingWritten();
  });

  it('notices a copy of a story file made behind its back, and refuses to guess which one is the story', async () => {
    await run('text-only.json');
    const folder = path.join(site.dirs.contentDir, 'articles', 'wire');
    fs.mkdirSync(path.join(site.dirs.contentDir, 'articles', 'copies'));
    fs.copyFileSync(path.join(folder, 'central-bank-holds-rates-steady.md'), path.join(site.dirs.contentDir, 'articles', 'copies', 'rates-copy.md'));
    const v2 = JSON.parse(fixture('text-only.json'));
    v2.version = '2';
    const [result] = await importJsonText(JSON.stringify(v2), 'v2.json', { store: site.store, now: () => NOW });
    expect(result.reason).toMatch(/articles\/copies\/rates-copy\.md and articles\/wire\/central-bank-holds-rates-steady\.md both have wire\.uri http:\/\/wire\.example\.org\/2026\/text-only-rates: keep one of them/);
  });

  it('refuses to import over a story file an editor broke, naming it', async () => {
    await run('text-only.json');
    const file = path.join(site.dirs.contentDir, 'articles', 'wire', 'central-bank-holds-rates-steady.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('status: "published"', 'status: "live"'));
    const v2 = JSON.parse(fixture('text-only.json'));
    v2.version = '2';
    const [result] = await importJsonText(JSON.stringify(v2), 'v2.json', { store: site.store, now: () => NOW });
    expect(result.outcome).toBe('rejected');
    expect(result.reason).toMatch(/the story's file articles\/wire\/central-bank-holds-rates-steady\.md is invalid \(status: must be one of draft, published, withdrawn\)/);
  });
});

describe('picture fetching: limits, redirects and pictures beside the JSON', () => {
  const story = (href: string, extra: object = {}) =>
    JSON.stringify({
      uri: `urn:newsbite-test:picture:${Math.random()}`,
      firstCreated: '2026-11-24T10:00:00Z',
      headlines: [{ value: `Picture test ${Math.random()}` }],
      bodies: [{ contentType: 'text/html', value: '<p>Body.</p>' }],
      associations: [
        {
          name: 'p',
          uri: 'urn:newsbite-test:p',
          type: 'picture',
          by: 'A. Photographer',
          descriptions: [{ role: 'caption', value: 'Caption.' }, { role: 'alt', value: 'What it shows.' }],
          renditions: [{ name: 'r', href, contentType: 'image/jpeg', ...extra }],
        },
      ],
    });
  const importStory = (text: string, limits = TEST_LIMITS, baseDir?: string): Promise<ImportResult[]> =>
    importJsonText(text, 'p.json', { store: site.store, now: () => NOW, limits }, baseDir);

  it('follows a redirect', async () => {
    const [result] = await importStory(story(`${pictures.base}/redirect.jpg`));
    expect(result.outcome).toBe('imported');
  });

  it('gives up on a server that does not answer in time', async () => {
    const [result] = await importStory(story(`${pictures.base}/slow.jpg`), { ...TEST_LIMITS, timeoutMs: 300 });
    expect(result.reason).toMatch(/slow\.jpg did not answer within 0\.3 s/);
    expectNothingWritten();
  });

  it('refuses a picture over the size limit, by its Content-Length or as the bytes arrive', async () => {
    const [declared] = await importStory(story(`${pictures.base}/huge.jpg`));
    expect(declared.reason).toMatch(/huge\.jpg is 524288000 bytes, over the 26214400-byte limit/);
    const [streamed] = await importStory(story(`${pictures.base}/endless.jpg`), { ...TEST_LIMITS, maxBytes: 1024 * 1024 });
    expect(streamed.reason).toMatch(/endless\.jpg is over the 1048576-byte limit/);
    const [stated] = await importStory(story(`${pictures.base}/ferry-large.jpg`, { sizeInBytes: 999_999_999 }));
    expect(stated.reason).toMatch(/no image rendition with an href .* within the size limit/);
    expectNothingWritten();
  });

  it('does not fetch from private addresses unless allowed (a pushed document cannot reach inside the network)', async () => {
    const [result] = await importStory(story(`${pictures.base}/ferry-large.jpg`), { ...TEST_LIMITS, allowPrivateNetwork: false });
    expect(result.reason).toMatch(/127\.0\.0\.1 is a private address/);
    const [named] = await importStory(story(`${pictures.base.replace('127.0.0.1', 'localhost')}/ferry-large.jpg`), { ...TEST_LIMITS, allowPrivateNetwork: false });
    expect(named.reason).toMatch(/localhost resolves to the private address/);
    const [other] = await importStory(story('ftp://example.org/x.jpg'));
    expect(other.reason).toMatch(/ftp: URLs are not fetched/);
  });

  it('reads a file: rendition beside the JSON, never outside its folder, and never for a pushed document', async () => {
    const folder = path.join(site.dir, 'feed');
    fs.mkdirSync(path.join(folder, 'pictures'), { recursive: true });
    await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 120, b: 80, alpha: 0.5 } } }).png().toFile(path.join(folder, 'pictures', 'jetty.png'));
    fs.copyFileSync(path.join(FIXTURES, 'file-picture.json'), path.join(folder, 'file-picture.json'));
    const [result] = await importPaths([path.join(folder, 'file-picture.json')], { store: site.store, now: () => NOW });
    expect(result.outcome).toBe('imported');
    // The credit comes from the creditline description; the PNG is stored as a JPEG.
    expect(site.read(result.file!).data.hero).toMatchObject({ credit: 'Example Wire/Eva Lind', src: expect.stringMatching(/\.jpg$/) });
    expect(site.load().articles[0].hero).toMatchObject({ width: 800, height: 600 });

    fs.writeFileSync(path.join(site.dir, 'secret.jpg'), 'x');
    const [outside] = await importStory(story('file:../secret.jpg'), TEST_LIMITS, folder);
    expect(outside.reason).toMatch(/file:\.\.\/secret\.jpg names \.\.\/secret\.jpg, which is outside the JSON's folder/);
    const [pushed] = await importStory(story('file:pictures/jetty.png'));
    expect(pushed.reason).toMatch(/is a file: href, which only works for files imported from a folder/);
  });

  it('gives a new story with a headline already in use its own slug', async () => {
    const first = await importStory(story(`${pictures.base}/ferry-small.jpg`).replace(/Picture test [0-9.]+/, 'Same headline'));
    const second = await importStory(story(`${pictures.base}/ferry-small.jpg`).replace(/Picture test [0-9.]+/, 'Same headline'));
    expect([first[0].path, second[0].path]).toEqual(['/world/same-headline', '/world/same-headline-2']);
    site.load();
  });

  it('keeps versions in order when two imports of one story race', async () => {
    const v = (version: string) => JSON.stringify({ ...JSON.parse(fixture('text-only.json')), version, bodies: [{ contenttype: 'text/plain', value: `Version ${version}.` }] });
    const results = await Promise.all(['3', '1', '2'].map((version) => importJsonText(v(version), `v${version}.json`, { store: site.store, now: () => NOW })));
    expect(results.flat().filter((r) => r.outcome === 'rejected')).toEqual([]);
    expect(site.read('articles/wire/central-bank-holds-rates-steady.md').data.wire).toMatchObject({ version: '3' });
    expect(site.articleFiles()).toHaveLength(1);
  });
});

describe('documents that are not ninjs 2.x or 3.x stories are refused or ignored, saying why', () => {
  const importDocument = async (document: object) => {
    const results = await importJsonText(JSON.stringify(document), 'doc.json', { store: site.store, now: () => NOW });
    expect(results).toHaveLength(1);
    return results[0];
  };

  it('refuses the ninjs 1.x dialect (Superdesk and older feeds), naming its 1.x fields', async () => {
    const [result] = await importFixture(site, 'ninjs1-dialect.json', { now: () => NOW });
    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: "ninjs1-dialect.json: guid: ninjs 1.x (or Superdesk's dialect of it): it has the 1.x fields guid, headline, byline, body_html, description_text; only ninjs 2.x and 3.x are imported",
    });
    expectNothingWritten();
  });

  it.each<[string, object]>([
    ['picture', { uri: 'urn:newsbite-test:t1', type: 'picture', versioncreated: '2026-11-24T08:00:00Z' }],
    ['audio', { uri: 'urn:newsbite-test:t2', type: 'audio', versionCreated: '2026-11-24T08:00:00Z' }],
    ['video', { uri: 'urn:newsbite-test:t3', type: 'video', versioncreated: '2026-11-24T08:00:00Z' }],
    ['graphic', { uri: 'urn:newsbite-test:t4', type: 'graphic', versionCreated: '2026-11-24T08:00:00Z' }],
    ['event', { uri: 'urn:newsbite-test:t5', type: 'event', versionCreated: '2026-11-24T08:00:00Z', headlines: [{ value: 'Press conference' }] }],
    ['planning', { uri: 'urn:newsbite-test:t6', type: 'planning', versionCreated: '2026-11-24T08:00:00Z' }],
  ])('ignores an item of type %s: only text stories are published', async (type, document) => {
    expect(await importDocument(document)).toMatchObject({ outcome: 'ignored', reason: `type ${type}: only text stories are published` });
    expectNothingWritten();
  });

  const story = { headlines: [{ role: 'main', value: 'A headline' }], bodies: [{ contentType: 'text/html', value: '<p>A body.</p>' }] };
  it.each<[string, object, RegExp]>([
    ['a uri that is not absolute', { uri: 'harbour-story', ...story }, /^doc\.json: uri: "harbour-story" is not an absolute URI$/],
    [
      'a picture whose renditions have no href',
      { uri: 'urn:newsbite-test:r1', ...story, associations: [{ name: 'pic', uri: 'urn:newsbite-test:r1:p', type: 'picture', renditions: [{ name: 'thumb', contentType: 'image/jpeg' }] }] },
      /^doc\.json: associations\[0\]\.renditions: no image rendition with an href/,
    ],
    ['"events" that is not an array (3.x)', { uri: 'urn:newsbite-test:r2', ...story, events: { name: 'Opening' } }, /^doc\.json: events: must be an array$/],
    ['"events" that is not an array (2.x)', { uri: 'urn:newsbite-test:r3', versioncreated: '2026-11-24T08:00:00Z', headlines: story.headlines, events: 'Opening' }, /^doc\.json: events: must be an array$/],
    ['an API envelope around a document', { data: { item: { uri: 'urn:newsbite-test:r4', ...story } } }, /^doc\.json: uri: is required; data: unknown field: ninjs 3\.x has no "data" here$/],
    ['a teaser with a description and no body', { uri: 'urn:newsbite-test:r5', headlines: story.headlines, descriptions: [{ value: 'Only a teaser.' }] }, /^doc\.json: bodies: a story needs a body/],
  ])('refuses %s, saying why', async (_, document, reason) => {
    const result = await importDocument(document);
    expect(result.outcome).toBe('rejected');
    expect(result.reason).toMatch(reason);
    expectNothingWritten();
  });

  it('imports a story sent without a version as version 0, which any numbered version replaces', async () => {
    const first = await importDocument({ uri: 'urn:newsbite-test:unversioned', ...story });
    expect(first).toMatchObject({ outcome: 'imported', reason: 'version 0, new in world; text only' });
    const next = await importDocument({ uri: 'urn:newsbite-test:unversioned', version: '1', ...story, bodies: [{ contentType: 'text/html', value: '<p>A longer body.</p>' }] });
    expect(next).toMatchObject({ outcome: 'updated', file: first.file });
  });
});
