import type { z } from 'zod';
import { formatPath } from '../content/errors';
import { CASING_MARKERS, ninjs2Schema, ninjsSchema, toCamelCase, type NinjsMajor, type NinjsObject } from './ninjs-model';

/** One thing wrong with a document: the field (a path such as `associations[0].renditions[1].href`) and the problem. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export type ParseResult =
  | { ok: true; major: NinjsMajor; document: NinjsObject }
  | { ok: false; major?: NinjsMajor; problems: FieldProblem[] };

/** Top-level names of ninjs 1.x and of Superdesk's dialect of it, which 2.x and 3.x dropped. */
const ONE_X_FIELDS = new Set([
  'guid', 'headline', 'body_html', 'body_text', 'body_xhtml', 'description_text', 'description_html',
  'byline', 'subject', 'place', 'person', 'organisation', 'genre', 'mimetype',
]);

const TO_THREE = new Map(CASING_MARKERS);
const TO_TWO = new Map(CASING_MARKERS.map(([two, three]) => [three, two]));

/** Every key anywhere in the document with its path, for the casing check. */
function keysOf(value: unknown, at: PropertyKey[] = [], out: { key: string; path: string }[] = []) {
  if (Array.isArray(value)) value.forEach((item, i) => keysOf(item, [...at, i], out));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      out.push({ key, path: formatPath([...at, key]) });
      keysOf(inner, [...at, key], out);
    }
  }
  return out;
}

/** `ambiguous`: no name tells the versions apart and none is declared. */
type Detection = { major: NinjsMajor; ambiguous?: boolean } | { problems: FieldProblem[] };

/**
 * Which ninjs a document is written in. The casing of multi-word names decides (2.x
 * `versioncreated`, 3.x `versionCreated`); a `standard.version` that says otherwise, names
 * from both, or ninjs 1.x names are refused. A document with no telling name at all (only
 * `uri`, `headlines`, `bodies`...) is read as 3.x, or as 2.x if only 2.x accepts it (2.x
 * allows a fractional `urgency` or `width`, 3.x does not).
 */
export function detectVersion(document: Record<string, unknown>): Detection {
  const keys = keysOf(document);
  const two = keys.filter(({ key }) => TO_THREE.has(key));
  const three = keys.filter(({ key }) => TO_TWO.has(key));
  const standard = document.standard as { version?: unknown } | undefined;
  const declared = typeof standard?.version === 'string' ? standard.version : undefined;
  const declaredMajor = declared && /^\d+/.test(declared) ? Number(/^\d+/.exec(declared)![0]) : undefined;
  const oneX = Object.keys(document).filter((key) => ONE_X_FIELDS.has(key));

  if (oneX.length || declaredMajor === 1) {
    const which = oneX.length ? `it has the 1.x field${oneX.length > 1 ? 's' : ''} ${oneX.join(', ')}` : `standard.version is ${declared}`;
    return { problems: [{ field: oneX[0] ?? 'standard.version', problem: `ninjs 1.x (or Superdesk's dialect of it): ${which}; only ninjs 2.x and 3.x are imported` }] };
  }
  if (two.length && three.length) {
    return {
      problems: [
        {
          field: two[0].path,
          problem: `wrong version casing: "${two[0].key}" is ninjs 2.x (3.x: "${TO_THREE.get(two[0].key)}") but "${three[0].path}" is 3.x: use one version's names throughout`,
        },
      ],
    };
  }
  const cased: NinjsMajor | undefined = two.length ? 2 : three.length ? 3 : undefined;
  if (declaredMajor !== undefined && declaredMajor !== 2 && declaredMajor !== 3) {
    return { problems: [{ field: 'standard.version', problem: `ninjs ${declared} is not supported: send 2.x or 3.x` }] };
  }
  if (cased && declaredMajor && declaredMajor !== cased) {
    const example = (cased === 2 ? two : three)[0];
    return {
      problems: [
        {
          field: 'standard.version',
          problem: `wrong version casing: standard.version says ${declared} but "${example.path}" is written in ${cased}.x casing (${declaredMajor}.x: "${(cased === 2 ? TO_THREE : TO_TWO).get(example.key)}")`,
        },
      ],
    };
  }
  if (cased) return { major: cased };
  if (declaredMajor) return { major: declaredMajor as NinjsMajor };
  return { major: 3, ambiguous: true };
}

function zodProblems(error: z.ZodError, major: NinjsMajor): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: at ? `${at}.${key}` : key,
        problem: `unknown field: ninjs ${major}.x has no "${key}" here`,
      }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return [{ field: at, problem: 'is required' }];
    }
    return [{ field: at || 'document', problem: issue.message }];
  });
}

/** Detects the version and validates a parsed JSON value against our model of it. */
export function parseNinjs(value: unknown): ParseResult {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ field: 'document', problem: `not a ninjs document: expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` }] };
  }
  const detection = detectVersion(value as Record<string, unknown>);
  if ('problems' in detection) return { ok: false, problems: detection.problems };
  const parsed = ninjsSchema(detection.major).safeParse(value, { reportInput: true });
  if (!parsed.success && detection.ambiguous && ninjs2Schema.safeParse(value).success) {
    return { ok: true, major: 2, document: toCamelCase(value, 2) };
  }
  if (!parsed.success) return { ok: false, major: detection.major, problems: zodProblems(parsed.error, detection.major) };
  return { ok: true, major: detection.major, document: toCamelCase(parsed.data, detection.major) };
}
