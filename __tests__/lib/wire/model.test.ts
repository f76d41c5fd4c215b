import fs from 'node:fs';
import { LOOSE_FIELDS, ninjs2Schema, ninjs3Schema, type NinjsMajor } from '@/lib/wire/ninjs-model';
import { detectVersion, parseNinjs } from '@/lib/wire/parse';
import { fixture, FIXTURES } from './helpers';
import { corpus, describeWithReference, notJson, officialValidators } from './official';

/**
 * Conformance: our zod model against IPTC's own JSON Schemas (2.2 and 3.1, compiled with ajv
 * 2020-12 and ajv-formats) over every document in the reference data: examples, user-guide
 * examples, the schema test suite, GraphQL samples, validator resources and the Superdesk
 * fixtures. Read from NINJS_REFERENCE (see official.ts), skipped without it.
 */

/** The document without the fields we know by name only, at the top and in every association. */
function modelledPart(value: unknown, major: NinjsMajor): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(key in LOOSE_FIELDS[major]))
      .map(([key, inner]) => [key, key === 'associations' && Array.isArray(inner) ? inner.map((item) => modelledPart(item, major)) : inner]),
  );
}

/** Documents an official schema accepts that we refuse, and why. Any other refusal fails the test. */
const STATED_REFUSALS: Record<string, RegExp> = {
  // Declares ninjs 1.2 in `standard` while using names valid in 2.x and 3.x: we do not guess.
  'validation/test_suite/2.x_dev/should_pass/004_standard_declaration.json': /ninjs 1\.x .*standard\.version is 1\.2/,
};

/**
 * Documents we accept although the official schema does not: every error is in a field the
 * importer never reads (GeoJSON, rights, event dates), which we check by name and type only.
 */
const UNREAD_FIELD_ERRORS: Record<string, string> = {
  'examples/3.0/collection/20231016-event-timeline-sample.json#12': 'eventDetails.dates',
  'examples/3.0/collection/20231016-event-timeline-sample.json#13': 'eventDetails.dates',
  'validation/test_suite/2.0/should_fail/001_bad_geojson.json': 'places[].geojson',
  'validation/test_suite/3.0/should_fail/001_bad_geojson.json': 'places[].geojson',
  'validation/test_suite/2.1/should_fail/004_bad_rights.json': 'associations[].rightsinfo',
  'validation/test_suite/2.x_dev/should_fail/006_combined_rights.json': 'rightsinfo',
};

describeWithReference('ninjs conformance: the model agrees with the official JSON Schemas', () => {
  const official = officialValidators();
  const documents = corpus();

  it('reads a large corpus', () => {
    expect(documents.length).toBeGreaterThan(300);
    const versions = documents.map((d) => parseNinjs(d.document)).filter((r) => r.ok).map((r) => r.ok && r.major);
    expect(versions.filter((v) => v === 2).length).toBeGreaterThan(30);
    expect(versions.filter((v) => v === 3).length).toBeGreaterThan(30);
  });

  it.each(documents.map((d) => [d.name, d] as const))('%s', (name, { document }) => {
    const ours = parseNinjs(document);
    const accepts2 = official[2](document);
    const accepts3 = official[3](document);

    if (accepts2 || accepts3) {
      // Whatever an official schema accepts, we accept, unless a reason is stated above.
      if (STATED_REFUSALS[name]) {
        expect(ours.ok).toBe(false);
        expect(!ours.ok && ours.problems.map((p) => p.problem).join('; ')).toMatch(STATED_REFUSALS[name]);
        return;
      }
      expect(ours.ok ? [] : ours.problems).toEqual([]);
    }
    if (!ours.ok) return;
    const major = ours.major;
    // What we accept, the official schema of the version we detected accepts in the fields we model...
    const modelled = official[major](modelledPart(document, major));
    expect(modelled ? [] : official[major].errors).toEqual([]);
    // ...and in the whole document, except for listed errors in fields we never read.
    const whole = official[major](document);
    if (UNREAD_FIELD_ERRORS[name]) expect(whole).toBe(false);
    else expect(whole ? [] : official[major].errors).toEqual([]);
    // The version we detected is the one that accepts it.
    if (!whole) expect(official[major === 2 ? 3 : 2](document)).toBe(false);
  });

  it('lists no stated refusal or unread-field error that no longer happens', () => {
    const names = new Set(documents.map((d) => d.name));
    for (const name of [...Object.keys(STATED_REFUSALS), ...Object.keys(UNREAD_FIELD_ERRORS)]) expect(names.has(name)).toBe(true);
  });

  it('has files in the reference data that are not JSON at all', () => {
    // The importer refuses them as "not JSON" (__tests__/lib/wire/examples.test.ts).
    expect(notJson().length).toBeGreaterThan(0);
  });
});

/**
 * The project's own fixtures (__tests__/fixtures/ninjs/), document by document: the ninjs version
 * the model reads it as, or the field of the first problem it refuses it for.
 */
const OWN_FIXTURES: Record<string, NinjsMajor | string> = {
  'bad-date-calendar.json': 'versionCreated',
  'bad-date-no-offset.json': 'firstCreated',
  'batch.json#0': 2,
  'batch.json#1': 'firstCreated',
  'batch.json#2': 3,
  'embargo.json': 3,
  'file-picture.json': 3,
  'hostile-html.json': 3,
  'kill-seq-1_v2_usable.json': 2,
  'kill-seq-2_v3_corrected.json': 2,
  'kill-seq-3_v4_canceled.json': 2,
  'kill-seq-4_v5_usable_after_kill.json': 2,
  'missing-alt.json': 3,
  'missing-credit.json': 3,
  'ninjs1-dialect.json': 'guid',
  'ninjs2-composite.json': 2,
  'not-an-image-bytes.json': 3,
  'not-an-image.json': 3,
  'not-ninjs.json': 'uri',
  'story-v1.json': 3,
  'story-v10-restored.json': 3,
  'story-v2-update.json': 3,
  'story-v3-correction.json': 3,
  'story-v4-withheld.json': 3,
  'text-only.json': 2,
  'unknown-fields.json': 'headlines[0].mood',
  'unreachable-picture.json': 3,
  'wrong-casing.json': 'versioncreated',
};

describe("the model on the project's own fixtures", () => {
  const read = Object.fromEntries(
    fs
      .readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.json') && name !== 'not-json.json')
      .sort()
      .flatMap((name) => {
        const value: unknown = JSON.parse(fixture(name, { PICTURES: 'http://127.0.0.1:9', UNREACHABLE: 'http://127.0.0.1:9' }));
        return Array.isArray(value) ? value.map((document, i) => [`${name}#${i}`, document] as const) : [[name, value] as const];
      })
      .map(([name, document]) => {
        const result = parseNinjs(document);
        return [name, result.ok ? result.major : result.problems[0].field];
      }),
  );

  it('reads each fixture as the ninjs version it is written in, or refuses it at the field that is wrong', () => {
    expect(read).toEqual(OWN_FIXTURES);
  });

  it('has stories in both ninjs 2.x and 3.x', () => {
    expect(Object.values(read).filter((major) => major === 2).length).toBeGreaterThanOrEqual(5);
    expect(Object.values(read).filter((major) => major === 3).length).toBeGreaterThanOrEqual(5);
  });
});

describe('version detection', () => {
  it.each<[string, object, number | RegExp]>([
    ['2.x names', { uri: 'urn:a', versioncreated: '2026-01-01T00:00:00Z' }, 2],
    ['3.x names', { uri: 'urn:a', versionCreated: '2026-01-01T00:00:00Z' }, 3],
    ['2.x embargoed', { uri: 'urn:a', embargoed: '2026-01-01T00:00:00Z' }, 2],
    ['nested 3.x names', { uri: 'urn:a', bodies: [{ contentType: 'text/html', value: '' }] }, 3],
    ['no telling name', { uri: 'urn:a', headlines: [{ value: 'x' }] }, 3],
    ['declared 2.2', { uri: 'urn:a', standard: { name: 'ninjs', version: '2.2' } }, 2],
    ['mixed casing', { uri: 'urn:a', versioncreated: '2026-01-01T00:00:00Z', pubStatus: 'usable' }, /wrong version casing: "versioncreated" is ninjs 2\.x/],
    ['declared 3.0, written 2.x', { uri: 'urn:a', standard: { version: '3.0' }, pubstatus: 'usable' }, /wrong version casing: standard\.version says 3\.0 but "pubstatus" is written in 2\.x casing/],
    ['ninjs 1.x', { guid: 'x', headline: 'h', body_html: '<p>b</p>' }, /ninjs 1\.x .*guid, headline, body_html/],
    ['ninjs 4', { uri: 'urn:a', standard: { version: '4.0' } }, /ninjs 4\.0 is not supported/],
  ])('%s', (_, document, expected) => {
    const detected = detectVersion(document as Record<string, unknown>);
    if (typeof expected === 'number') expect(detected).toMatchObject({ major: expected });
    else expect('problems' in detected && detected.problems[0].problem).toMatch(expected);
  });

  it('reads a document with no telling name as 2.x when only 2.x accepts it (fractional urgency)', () => {
    expect(parseNinjs({ uri: 'urn:a', urgency: 0.5 })).toMatchObject({ ok: true, major: 2 });
  });

  it('refuses every unknown field, at every level the model covers', () => {
    for (const [schema, lower] of [[ninjs2Schema, true], [ninjs3Schema, false]] as const) {
      const rendition = { name: 'r', [lower ? 'contenttype' : 'contentType']: 'image/jpeg', colour: 'red' };
      const result = schema.safeParse({ uri: 'urn:a', extra: 1, headlines: [{ value: 'h', size: 1 }], associations: [{ uri: 'urn:b', name: 'p', renditions: [rendition], odd: true }] });
      expect(result.success).toBe(false);
      const keys = result.error!.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : []));
      expect(keys.sort()).toEqual(['colour', 'extra', 'odd', 'size']);
    }
  });
});
