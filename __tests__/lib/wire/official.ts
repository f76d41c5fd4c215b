import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * IPTC's reference data, read in place and never copied into the project: the conformance
 * tests run when NINJS_REFERENCE names a checkout of IPTC's iptc/newsinjson repository (.ci/run
 * sets it when ../shared/ninjs/iptc-newsinjson exists beside the repository). Without it they are
 * reported as skipped, with the reason in their name; the importer's own fixtures
 * (__tests__/fixtures/ninjs/) still test everything it does.
 *
 * Superdesk's samples (ninjs 1.x dialect) are read too when checkouts of superdesk-core and
 * superdesk-web-publisher sit beside that checkout, in the same folder.
 */
const setting = process.env.NINJS_REFERENCE?.trim() || undefined;
/** The iptc/newsinjson checkout (absolute), when NINJS_REFERENCE is set. */
export const IPTC = setting ? path.resolve(setting) : '';
const SCHEMA_3 = path.join('specification', 'ninjs-schema_3.1.json');
const SUPERDESK = ['superdesk-web-publisher', path.join('superdesk-core', 'tests')];

/** Why the conformance tests cannot run here, or undefined when they can. */
export const referenceMissing: string | undefined = !setting
  ? 'set NINJS_REFERENCE to a checkout of iptc/newsinjson'
  : !fs.existsSync(path.join(IPTC, SCHEMA_3))
    ? `NINJS_REFERENCE=${setting} is not a checkout of iptc/newsinjson (it has no ${SCHEMA_3})`
    : undefined;

/** The Superdesk sample folders beside the checkout that exist. */
export const superdeskFolders: string[] = referenceMissing
  ? []
  : SUPERDESK.map((folder) => path.join(path.dirname(IPTC), folder)).filter((folder) => fs.existsSync(folder));

/** Why the Superdesk samples cannot be read here, or undefined when they can. */
export const superdeskMissing: string | undefined =
  referenceMissing ?? (superdeskFolders.length ? undefined : 'no superdesk-web-publisher or superdesk-core checkout beside NINJS_REFERENCE');

/**
 * `describe` when `missing` is undefined; otherwise one skipped test under a name that says what
 * is skipped and why (the body is not run: it would read files that are not there).
 */
export function describeIf(missing: string | undefined, name: string, body: () => void): void {
  if (missing === undefined) describe(name, body);
  else describe.skip(`${name} (skipped: ${missing})`, () => it('needs the reference data', () => undefined));
}

/** `describe` for tests that read IPTC's reference data. */
export function describeWithReference(name: string, body: () => void): void {
  describeIf(referenceMissing, name, body);
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The official ninjs 2.2 and 3.1 JSON Schemas, compiled with ajv (2020-12) and ajv-formats. */
export function officialValidators() {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  ajv.addSchema(readJson(path.join(IPTC, 'validation', 'test_suite', 'GeoJSON-schema.json')) as object);
  return {
    2: ajv.compile(readJson(path.join(IPTC, 'specification', 'ninjs-schema_2.2.json')) as object),
    3: ajv.compile(readJson(path.join(IPTC, SCHEMA_3)) as object),
  } as const;
}

/** Every *.json file below dir, sorted. */
export function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? jsonFiles(path.join(dir, entry.name)) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : []))
    .sort();
}

/**
 * A file's name in test titles: below the checkout for IPTC's files (`examples/3.0/...`),
 * below the folder holding the checkouts for Superdesk's (`superdesk-core/tests/...`).
 */
export function referenceName(file: string): string {
  const inIptc = path.relative(IPTC, file);
  return inIptc.startsWith('..') ? path.relative(path.dirname(IPTC), file) : inIptc;
}

/** Every JSON file of the reference data: the IPTC checkout and the Superdesk folders beside it. */
function referenceFiles(): string[] {
  return [IPTC, ...superdeskFolders].flatMap(jsonFiles);
}

export interface CorpusDocument {
  /** referenceName() of its file, with #n for the n-th document of a file holding an array. */
  name: string;
  file: string;
  document: unknown;
}

/** Files in the reference data that are not JSON at all (the importer must refuse them). */
export function notJson(): string[] {
  return referenceFiles().filter((file) => {
    try {
      readJson(file);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Every document in the reference data: IPTC's examples (all versions), user-guide examples,
 * schema test suite, GraphQL sample data and validator resources, plus the Superdesk fixtures.
 * JSON Schemas themselves (files with a `$schema`) are left out.
 */
export function corpus(): CorpusDocument[] {
  return referenceFiles()
    .filter((file) => !file.startsWith(path.join(IPTC, 'specification') + path.sep))
    .flatMap((file) => {
      let value: unknown;
      try {
        value = readJson(file);
      } catch {
        return [];
      }
      if (value && typeof value === 'object' && !Array.isArray(value) && '$schema' in value) return [];
      const name = referenceName(file);
      return Array.isArray(value) ? value.map((document, i) => ({ name: `${name}#${i}`, file, document })) : [{ name, file, document: value }];
    });
}
