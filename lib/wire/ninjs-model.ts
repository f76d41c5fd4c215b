import { z } from 'zod';
import { isDateTime, isUri } from './formats';

/**
 * Our own model of IPTC ninjs 2.x (2.0-2.2, lower-case names) and 3.x (3.0-3.1, camelCase),
 * written from the official JSON Schemas (ninjs-schema_2.2.json and ninjs-schema_3.1.json).
 *
 * Like the official schemas it refuses every property it does not know, at every level it
 * models, so a 2.x document fails the 3.x model and the other way round. The fields the importer
 * maps are modelled in full (types, enums, formats, required properties); the ones it does not
 * read (people, places, events, rights...) are known by name and container type only, listed in
 * LOOSE_FIELDS. __tests__/lib/wire/model.test.ts checks this model against the project's own
 * fixtures and, when NINJS_REFERENCE names a checkout of iptc/newsinjson, against the official
 * schemas and every official example and test-suite document.
 */

export type NinjsMajor = 2 | 3;

/** 3.x field name to the 2.x one: lower case, except `embargoedUntil`, which 2.x calls `embargoed`. */
function fieldName(major: NinjsMajor, camel: string): string {
  if (major === 3) return camel;
  return camel === 'embargoedUntil' ? 'embargoed' : camel.toLowerCase();
}

/** Fields known by name and container type only: the importer never reads them. */
export const LOOSE_FIELDS: Record<NinjsMajor, Record<string, 'array' | 'object'>> = {
  2: {
    people: 'array',
    organisations: 'array',
    places: 'array',
    events: 'array',
    objects: 'array',
    altids: 'array',
    trustindicators: 'array',
    rightsinfo: 'object',
    digitalsourcetype: 'object',
  },
  3: {
    people: 'array',
    organisations: 'array',
    places: 'array',
    events: 'array',
    objects: 'array',
    altIds: 'array',
    trustIndicators: 'array',
    rightsInfo: 'object',
    digitalSourceType: 'object',
    eventDetails: 'object',
    plannedCoverage: 'array',
  },
};

const TYPES: Record<NinjsMajor, [string, ...string[]]> = {
  2: ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component'],
  3: ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component', 'event', 'planning'],
};

const PUB_STATUSES = ['usable', 'withheld', 'canceled'] as const;

const str = () => z.string({ error: 'must be a string' });
const uri = () =>
  str().refine(isUri, { error: (issue) => `${JSON.stringify(issue.input)} is not an absolute URI` });
const dateTime = () =>
  str().refine(isDateTime, {
    error: (issue) =>
      /[Tt ]\d\d:\d\d:\d\d(\.\d+)?$/.test(String(issue.input))
        ? `${JSON.stringify(issue.input)} has no time-zone offset: add Z or ±hh:mm`
        : `${JSON.stringify(issue.input)} is not an RFC 3339 date-time such as 2026-11-24T09:30:00+09:00`,
  });

function buildModel(major: NinjsMajor) {
  const n = (camel: string) => fieldName(major, camel);
  /** 2.x declares sizes and counts as `number`, 3.x as `integer`. */
  const count = () => (major === 3 ? z.int({ error: 'must be a whole number' }) : z.number({ error: 'must be a number' }));
  const percent = () => z.int({ error: 'must be a whole number' }).min(0).max(100);
  const optional = <T extends z.ZodRawShape>(shape: T) =>
    Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, (schema as z.ZodType).optional()])) as unknown as {
      [K in keyof T]: z.ZodOptional<T[K]>;
    };

  const text = z.strictObject({
    ...optional({ role: str(), [n('contentType')]: str() }),
    value: str(),
  });
  const body = z.strictObject({
    ...optional({ role: str(), [n('contentType')]: str(), [n('charCount')]: count(), [n('wordCount')]: count() }),
    value: str(),
  });
  const contactInfo = z
    .strictObject(
      optional({
        type: str(),
        role: str(),
        lang: str(),
        name: str(),
        value: str(),
        address: z.strictObject(
          optional({ lines: z.array(str()), locality: str(), area: str(), [n('postalCode')]: str(), country: str() }),
        ),
      }),
    )
    .refine((info) => ('value' in info) !== ('address' in info), 'needs exactly one of value and address');
  const subject = z.strictObject(
    optional({ name: str(), rel: str(), uri: uri(), literal: str(), creator: str(), relevance: percent(), confidence: percent() }),
  );
  // The official schemas give genres no `uri` format.
  const genre = z.strictObject(optional({ name: str(), uri: str(), literal: str() }));
  const infoSource = z.strictObject(
    optional({ name: str(), role: str(), uri: uri(), literal: str(), [n('contactInfo')]: z.array(contactInfo) }),
  );
  const renditionFields: z.ZodRawShape =
    major === 3
      ? {
          href: uri(),
          contentType: str(),
          title: str(),
          width: count(),
          height: count(),
          sizeInBytes: count(),
          duration: z.number(),
          format: str(),
          aspectRatio: str(),
          videoCodec: str(),
          frameRate: z.number(),
          poi: z.strictObject(optional({ x: z.int(), y: z.int() })),
          transportProtocol: str(),
          scanType: z.enum(['progressive', 'interlaced']),
          bitrate: str(),
        }
      : {
          href: uri(),
          contenttype: str(),
          title: str(),
          height: count(),
          width: count(),
          sizeinbytes: count(),
          duration: z.number(),
          format: str(),
        };
  const rendition = z.strictObject({ name: str(), ...optional(renditionFields) });
  const standard = z.strictObject(optional({ name: str(), version: str(), schema: uri() }));

  const loose = Object.fromEntries(
    Object.entries(LOOSE_FIELDS[major]).map(([key, kind]) => [
      key,
      (kind === 'array' ? z.array(z.unknown(), { error: 'must be an array' }) : z.record(z.string(), z.unknown(), { error: 'must be an object' })).optional(),
    ]),
  );

  const fields = () => ({
    ...optional({
      type: z.enum(TYPES[major], { error: `must be one of ${TYPES[major].join(', ')}` }),
      [n('representationType')]: z.enum(['full', 'partial']),
      profile: str(),
      version: str(),
      [n('firstCreated')]: dateTime(),
      [n('versionCreated')]: dateTime(),
      [n('contentCreated')]: dateTime(),
      [n('embargoedUntil')]: dateTime(),
      [n('pubStatus')]: z.enum(PUB_STATUSES, { error: 'must be usable, withheld or canceled' }),
      urgency: major === 3 ? z.int({ error: 'must be a whole number' }) : z.number(),
      [n('copyrightHolder')]: str(),
      [n('copyrightNotice')]: str(),
      [n('usageTerms')]: str(),
      [n('edNote')]: str(),
      language: str(),
      descriptions: z.array(text),
      bodies: z.array(body),
      headlines: z.array(text),
      subjects: z.array(subject),
      genres: z.array(genre),
      [n('infoSources')]: z.array(infoSource),
      title: str(),
      by: str(),
      slugline: str(),
      located: str(),
      renditions: z.array(rendition),
      standard,
      expires: dateTime(),
    }),
    ...loose,
  });

  // Associations are ninjs objects themselves (the schemas' `$ref: ninjsType`), with a name.
  const association: z.ZodType = z.lazy(() =>
    z.strictObject({
      ...fields(),
      uri: uri(),
      name: str(),
      ...(major === 3 ? { rel: str().optional() } : {}),
      associations: z.array(association).optional(),
    }),
  );
  return z.strictObject({
    ...fields(),
    uri: uri(),
    associations: z.array(association).optional(),
  });
}

/** The 2.x model (lower-case names), as in ninjs-schema_2.2.json. */
export const ninjs2Schema = buildModel(2);
/** The 3.x model (camelCase names), as in ninjs-schema_3.1.json. */
export const ninjs3Schema = buildModel(3);

export function ninjsSchema(major: NinjsMajor) {
  return major === 2 ? ninjs2Schema : ninjs3Schema;
}

// ---------------------------------------------------------------------------------------------
// The version-neutral shape the mapper reads: 3.x names. A validated 2.x document is renamed
// into it by toCamelCase (the two versions differ in names only for the fields we map).

export interface NinjsText {
  role?: string;
  contentType?: string;
  value: string;
}

export interface NinjsConcept {
  name?: string;
  rel?: string;
  uri?: string;
  literal?: string;
}

export interface NinjsRendition {
  name: string;
  href?: string;
  contentType?: string;
  title?: string;
  width?: number;
  height?: number;
  sizeInBytes?: number;
}

export type PubStatus = (typeof PUB_STATUSES)[number];

export interface NinjsObject {
  uri: string;
  type?: string;
  version?: string;
  firstCreated?: string;
  versionCreated?: string;
  contentCreated?: string;
  embargoedUntil?: string;
  pubStatus?: PubStatus;
  copyrightHolder?: string;
  copyrightNotice?: string;
  usageTerms?: string;
  edNote?: string;
  language?: string;
  descriptions?: NinjsText[];
  bodies?: NinjsText[];
  headlines?: NinjsText[];
  subjects?: NinjsConcept[];
  genres?: NinjsConcept[];
  infoSources?: NinjsConcept[];
  title?: string;
  by?: string;
  slugline?: string;
  located?: string;
  renditions?: NinjsRendition[];
  associations?: NinjsAssociation[];
}

export interface NinjsAssociation extends NinjsObject {
  name: string;
  rel?: string;
}

/** Every camelCase name either version uses, so a 2.x document can be renamed key by key. */
const CAMEL_NAMES = [
  'representationType', 'firstCreated', 'versionCreated', 'contentCreated', 'embargoedUntil', 'pubStatus',
  'copyrightHolder', 'copyrightNotice', 'usageTerms', 'edNote', 'infoSources', 'altIds', 'trustIndicators',
  'rightsInfo', 'digitalSourceType', 'contentType', 'charCount', 'wordCount', 'sizeInBytes', 'contactInfo',
  'postalCode', 'symbolType', 'langId', 'linkedRights', 'encodedRights', 'geoJSON',
];
const FROM_LOWER = new Map(CAMEL_NAMES.map((camel) => [fieldName(2, camel), camel]));

/** A validated 2.x document with 3.x names (a 3.x document is returned as it is). */
export function toCamelCase(document: unknown, major: NinjsMajor): NinjsObject {
  if (major === 3) return document as NinjsObject;
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [FROM_LOWER.get(key) ?? key, rename(inner)]));
    }
    return value;
  };
  return rename(document) as NinjsObject;
}

/** Field names whose casing tells the versions apart: [2.x name, 3.x name]. */
export const CASING_MARKERS: [string, string][] = [
  ...CAMEL_NAMES.map((camel): [string, string] => [fieldName(2, camel), camel]),
  ['aspectratio', 'aspectRatio'],
  ['videocodec', 'videoCodec'],
  ['framerate', 'frameRate'],
  ['transportprotocol', 'transportProtocol'],
  ['scantype', 'scanType'],
  ['eventdetails', 'eventDetails'],
  ['plannedcoverage', 'plannedCoverage'],
];
