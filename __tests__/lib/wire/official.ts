import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** IPTC's reference data, read in place (never copied into the project): /work/shared/ninjs. */
export const NINJS_REFERENCE = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'ninjs');
export const IPTC = path.join(NINJS_REFERENCE, 'iptc-newsinjson');

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
    3: ajv.compile(readJson(path.join(IPTC, 'specification', 'ninjs-schema_3.1.json')) as object),
  } as const;
}

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? jsonFiles(path.join(dir, entry.name)) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : []))
    .sort();
}

export interface CorpusDocument {
  /** Path below /work/shared/ninjs, with #n for the n-th document of a file holding an array. */
  name: string;
  file: string;
  document: unknown;
}

/** Files in the reference data that are not JSON at all (the importer must refuse them). */
export function notJson(): string[] {
  return jsonFiles(NINJS_REFERENCE).filter((file) => {
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
  return jsonFiles(NINJS_REFERENCE)
    .filter((file) => !file.includes(`${path.sep}specification${path.sep}`))
    .flatMap((file) => {
      let value: unknown;
      try {
        value = readJson(file);
      } catch {
        return [];
      }
      if (value && typeof value === 'object' && !Array.isArray(value) && '$schema' in value) return [];
      const relative = path.relative(NINJS_REFERENCE, file);
      return Array.isArray(value)
        ? value.map((document, i) => ({ name: `${relative}#${i}`, file, document }))
        : [{ name: relative, file, document: value }];
    });
}
