import fs from 'node:fs';
import path from 'node:path';
import { importJsonText, type ImportResult, type Outcome } from '@/lib/wire/import';
import { jpeg, makeSite, NOW } from './helpers';
import { describeIf, describeWithReference, IPTC, jsonFiles, notJson, referenceName, superdeskFolders, superdeskMissing } from './official';

/**
 * Conformance: IPTC's 2.x and 3.x examples (and the Superdesk samples) through the whole
 * importer, each into a fresh content folder that must then load. They are read from
 * NINJS_REFERENCE (see official.ts) and skipped without it; lifecycle.test.ts and
 * bad-input.test.ts test the same behaviours on the project's own fixtures. Pictures in the
 * examples point at the providers' servers, so renditions are served from memory here (the real
 * fetcher is tested against a local server in bad-input.test.ts). Every outcome is listed with
 * its reason.
 */
const TEXT_ONLY = /^version \d+, new in \w+; text only$/;
const NOT_A_STORY = (type: string) => new RegExp(`^type ${type}: only text stories are published$`);
const NO_ALT = (names: string[]) => new RegExp(`draft until an editor adds them: ${names.map((n) => `associations\\[\\d\\] "${n}" has no alt text`).join('; ')}$`);
const ONE_X = /ninjs 1\.x \(or Superdesk's dialect of it\): it has the 1\.x fields? .*; only ninjs 2\.x and 3\.x are imported$/;

const EXPECTED: Record<string, [Outcome, RegExp]> = {
  'examples/2.1/SIPA_image_2.json': ['ignored', NOT_A_STORY('picture')],
  'examples/2.1/ap_audio.json': ['ignored', NOT_A_STORY('audio')],
  'examples/2.1/ap_image.json': ['ignored', NOT_A_STORY('picture')],
  'examples/2.1/ap_video.json': ['ignored', NOT_A_STORY('video')],
  'examples/2.1/businesswire-newsml-20130605006126.json': ['imported', /^version 1, new in technology; text only$/],
  'examples/2.1/businesswire-newsml-20130731006140.json': ['imported', /^version 1, new in business; text only$/],
  'examples/2.1/dpa_text.json': ['imported', TEXT_ONLY],
  'examples/2.1/imageEncodedRights.json': ['ignored', NOT_A_STORY('picture')],
  'examples/2.1/imageLinkedRights.json': ['ignored', NOT_A_STORY('picture')],
  'examples/2.1/ninjsExSimpleText_2.json': ['imported', /^version 0, new in world; text only$/],
  // NTB's item carries its text only as a description: there is no body to publish.
  'examples/2.1/ntb_text.json': ['rejected', /bodies: a story needs a body/],
  // IPTC's schema-extension example: "foofoo" is valid only under the extension schema.
  'examples/2.1/schema-extension/extension-example.json': ['rejected', /foofoo: unknown field: ninjs 2\.x has no "foofoo" here$/],
  'examples/2.1/schema-extension/extension-schema.json': ['rejected', /\$schema: unknown field/],
  'examples/2.1/tt_text_image_2.json': ['held', NO_ALT(['a001'])],
  // A description-only teaser and a press conference notice: no headline to publish.
  'examples/3.0/20231004-UEFA-ChampionLeague.json': ['rejected', /headlines: a story needs a headline .*; bodies: a story needs a body/],
  'examples/3.0/20231005-65-addb-event.json': ['ignored', NOT_A_STORY('event')],
  'examples/3.0/20231008-anti-doping-measures-at-the-tour-down-under-will-be-the-toughest-ever-addb-ninjs-nitf.json': ['imported', TEXT_ONLY],
  'examples/3.0/20231016-addb-example-press-conference.json': ['rejected', /^headlines: a story needs a headline/],
  'examples/3.0/SIPA_image_3.json': ['ignored', NOT_A_STORY('picture')],
  'examples/3.0/ap_audio.json': ['ignored', NOT_A_STORY('audio')],
  'examples/3.0/ap_image.json': ['ignored', NOT_A_STORY('picture')],
  'examples/3.0/ap_video.json': ['ignored', NOT_A_STORY('video')],
  'examples/3.0/businesswire-newsml-20130605006126.json': ['imported', /^version 1, new in technology; text only$/],
  'examples/3.0/businesswire-newsml-20130731006140.json': ['imported', /^version 1, new in business; text only$/],
  'examples/3.0/dpa_text.json': ['imported', TEXT_ONLY],
  'examples/3.0/imageEncodedRights.json': ['ignored', NOT_A_STORY('picture')],
  'examples/3.0/imageLinkedRights.json': ['ignored', NOT_A_STORY('picture')],
  'examples/3.0/ninjsExSimpleText_3.json': ['imported', /^version 0, new in world; text only$/],
  'examples/3.0/ntb_text.json': ['rejected', /bodies: a story needs a body/],
  'examples/3.0/simpleEvent.json': ['ignored', NOT_A_STORY('event')],
  'examples/3.0/tt_event_pressconference_3.0.json': ['ignored', NOT_A_STORY('event')],
  'examples/3.0/tt_text_image_3.json': ['held', NO_ALT(['a001'])],
  'documentation/includes/examples/2.2/001_simple_example.json': ['imported', TEXT_ONLY],
  // The user guide's rendition example has a uri that is not absolute, as the schema requires.
  'documentation/includes/examples/2.2/002_renditions_example.json': ['rejected', /^uri: "renditions-example" is not an absolute URI$/],
  // Its picture association lists renditions with no href at all.
  'documentation/includes/examples/2.2/003_associations_example.json': ['rejected', /^associations\[1\]\.renditions: no image rendition with an href/],
  'documentation/includes/examples/2.2/004_simple_text_article.json': ['imported', TEXT_ONLY],
  'documentation/includes/examples/2.2/005_complex_text_article.json': ['imported', TEXT_ONLY],
  'documentation/includes/examples/2.2/006_photo_only.json': ['ignored', NOT_A_STORY('picture')],
  'documentation/includes/examples/2.2/007_multimedia.json': ['held', NO_ALT(['mainpic', 'portrait'])],
  'documentation/includes/examples/3.1/001_simple_example.json': ['imported', TEXT_ONLY],
  'documentation/includes/examples/3.1/002_renditions_example.json': ['rejected', /^uri: "renditions-example" is not an absolute URI$/],
  'documentation/includes/examples/3.1/003_associations_example.json': ['rejected', /^associations\[1\]\.renditions: no image rendition with an href/],
  'documentation/includes/examples/3.1/004_simple_text_article.json': ['imported', TEXT_ONLY],
  'documentation/includes/examples/3.1/005_complex_text_article.json': ['imported', TEXT_ONLY],
  'documentation/includes/examples/3.1/006_photo_only.json': ['ignored', NOT_A_STORY('picture')],
  'documentation/includes/examples/3.1/007_multimedia.json': ['held', NO_ALT(['mainpic', 'portrait'])],
  'documentation/includes/examples/3.1/008_event.json': ['ignored', NOT_A_STORY('event')],
  'documentation/includes/examples/not-valid/008_extension.json': ['rejected', /^embargoedreason: unknown field/],
};
// The event timeline collection: twelve items whose `events` is not an array (the official 3.1
// schema refuses them too) and two with neither headline nor body.
for (let i = 0; i < 14; i++) {
  EXPECTED[`examples/3.0/collection/20231016-event-timeline-sample.json#${i}`] =
    i < 12 ? ['rejected', /^events: must be an array$/] : ['rejected', /headlines: a story needs a headline/];
}

const EXAMPLE_FOLDERS = ['examples/2.1', 'examples/3.0', 'documentation/includes/examples/2.2', 'documentation/includes/examples/3.1', 'documentation/includes/examples/not-valid'];

async function importIsolated(file: string, label: string): Promise<ImportResult[]> {
  const site = makeSite();
  try {
    const picture = await jpeg(1600, 1000);
    const results = await importJsonText(fs.readFileSync(file, 'utf8'), label, { store: site.store, now: () => NOW, loadPicture: async () => picture });
    site.load(); // whatever was written loads
    if (results.some((r) => r.outcome === 'rejected')) expect(site.articleFiles()).toHaveLength(results.filter((r) => r.file).length);
    return results;
  } finally {
    site.cleanup();
  }
}

describeWithReference("ninjs conformance: IPTC's 2.x and 3.x examples import, or are refused for a stated reason", () => {
  const IPTC_FILES = EXAMPLE_FOLDERS.flatMap((dir) => jsonFiles(path.join(IPTC, dir)));
  it('covers every example', () => {
    const listed = new Set(Object.keys(EXPECTED).map((name) => name.replace(/#\d+$/, '')));
    expect(IPTC_FILES.map(referenceName).filter((name) => !listed.has(name))).toEqual([]);
  });

  it.each(IPTC_FILES.map((file) => [referenceName(file), file]))('%s', async (name, file) => {
    const results = await importIsolated(file, name);
    for (const result of results) {
      const [outcome, reason] = EXPECTED[result.source] ?? ['(not listed)', /$^/];
      expect([result.source, result.outcome]).toEqual([result.source, outcome]);
      expect(result.reason.replace(`${result.source}: `, '')).toMatch(reason);
    }
  });

  it('maps the dpa story: HTML body, "by" as written, copyright holder as source and attribution', async () => {
    const site = makeSite();
    try {
      const [result] = await importJsonText(fs.readFileSync(path.join(IPTC, 'examples/3.0/dpa_text.json'), 'utf8'), 'dpa', { store: site.store, now: () => NOW });
      const { data, body } = site.read(result.file!);
      expect(data).toMatchObject({
        byline: 'Von Christian Hollmann, dpa',
        published: '2019-05-10T16:02:28+02:00',
        syndication: { source: 'dpa', copyright: 'Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten', noindexNews: true },
        wire: { provider: 'dpa', version: '2', pubStatus: 'usable' },
      });
      expect(body).toMatch(/^<p>Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren»/);
    } finally {
      site.cleanup();
    }
  });

  it("drops the TT body's repeated headline and embedded figure, keeping its text", async () => {
    const site = makeSite();
    try {
      const picture = await jpeg(1600, 1000);
      const [result] = await importJsonText(fs.readFileSync(path.join(IPTC, 'examples/3.0/tt_text_image_3.json'), 'utf8'), 'tt', { store: site.store, now: () => NOW, loadPicture: async () => picture });
      const { body, text } = site.read(result.file!);
      expect(body).not.toMatch(/<h1|<figure|<img|Militärövning i jätteformat hålls 2023/);
      expect(body).toContain('<blockquote>Aurora 2023 kommer att genomföras');
      // The caption and credit wait in the draft for the alt text only an editor can write.
      expect(text).toContain('#     credit: "Karl Melander/TT"');
      expect(site.photoFiles()).toHaveLength(1);
    } finally {
      site.cleanup();
    }
  });
});

describeIf(superdeskMissing, "ninjs conformance: Superdesk's samples (ninjs 1.x dialect) are refused, saying why", () => {
  const superdesk = superdeskFolders.flatMap(jsonFiles);
  it.each(superdesk.map((file) => [referenceName(file), file]))('%s', async (name, file) => {
    const results = await importIsolated(file, name);
    for (const result of results) {
      expect(result.outcome).toBe('rejected');
      // Superdesk's own items name their 1.x fields; the AP Media API and BBC files are API envelopes, not documents.
      expect(result.reason).toMatch(/ap_media|bbc-ninjs/.test(name) ? /uri: is required; \w+: unknown field/ : ONE_X);
    }
  });
});

describeWithReference('ninjs conformance: files in the reference data that are not JSON are refused, saying why', () => {
  it.each(notJson().map((file) => [referenceName(file), file]))('%s', async (name, file) => {
    const [result] = await importIsolated(file, name);
    expect(result).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not JSON: `)) });
  });
});
