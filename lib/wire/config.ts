import YAML from 'yaml';
import { z } from 'zod';
import { slugSchema, type Section } from '../content/schema';
import type { NinjsConcept } from './ninjs-model';

/**
 * content/wire.yml: which section a wire story lands in. ninjs has no section field, so the
 * importer looks at the story's subjects first (most specific), then its provider, then the
 * default. Keys are matched without regard to case.
 *
 *   default: world
 *   subjects:                  # a subject's uri, literal code or name
 *     medtop:04000000: business
 *   providers:                 # copyright holder, info source name or the uri's host
 *     Business Wire: business
 */
export const WIRE_CONFIG_FILE = 'wire.yml';

const mapping = z.record(z.string().trim().min(1, 'keys must not be empty'), slugSchema, { error: 'must be a mapping of names to section slugs' });

const wireConfigSchema = z.strictObject({
  default: slugSchema,
  subjects: mapping.default({}),
  providers: mapping.default({}),
});

export interface WireConfig {
  default: string;
  subjects: Map<string, string>;
  providers: Map<string, string>;
}

export class WireConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'WireConfigError';
  }
}

const IPTC_MEDIA_TOPIC = /^https?:\/\/cv\.iptc\.org\/newscodes\/mediatopic\/(\d{8})$/i;

/** Subject keys in the forms feeds use: `medtop:04000000` and IPTC's URI for it are one topic. */
function subjectKeys(subject: NinjsConcept): string[] {
  const keys = [subject.uri, subject.literal, subject.name].filter((key): key is string => !!key?.trim());
  // normalise turns IPTC's URI of a topic into its medtop: key.
  return keys.map((key) => normalise(key));
}

function normalise(key: string): string {
  const topic = IPTC_MEDIA_TOPIC.exec(key.trim());
  return (topic ? `medtop:${topic[1]}` : key.trim()).toLowerCase();
}

/** Parses and checks wire.yml against the site's sections; throws WireConfigError naming each problem. */
export function parseWireConfig(source: string | undefined, sections: Section[]): WireConfig {
  const file = `content/${WIRE_CONFIG_FILE}`;
  if (source === undefined) {
    throw new WireConfigError([`${file}: is missing: map wire providers and subjects to sections, with a default (docs/wire-import.md)`]);
  }
  let raw: unknown;
  try {
    raw = YAML.parse(source);
  } catch (error) {
    throw new WireConfigError([`${file}: is not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = wireConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new WireConfigError(parsed.error.issues.map((issue) => `${file}: ${issue.path.map(String).join('.') || 'file'}: ${issue.message}`));
  }
  const known = new Set(sections.map((section) => section.slug));
  const problems: string[] = [];
  const check = (field: string, slug: string) => {
    if (!known.has(slug)) problems.push(`${file}: ${field}: "${slug}" is not a section in sections.yml (known: ${[...known].join(', ')})`);
  };
  check('default', parsed.data.default);
  const table = (name: 'subjects' | 'providers') => {
    const map = new Map<string, string>();
    for (const [key, slug] of Object.entries(parsed.data[name])) {
      check(`${name}.${key}`, slug);
      const normal = normalise(key);
      if (map.has(normal) && map.get(normal) !== slug) problems.push(`${file}: ${name}.${key}: is listed twice (keys ignore case) with different sections`);
      map.set(normal, slug);
    }
    return map;
  };
  const config = { default: parsed.data.default, subjects: table('subjects'), providers: table('providers') };
  if (problems.length) throw new WireConfigError(problems);
  return config;
}

interface SectionChoice {
  section: string;
  /** What decided it, for the importer's report. */
  because: string;
}

/** The section for a story: its first subject that wire.yml maps, else its provider, else the default. */
export function chooseSection(config: WireConfig, subjects: NinjsConcept[], providerKeys: string[]): SectionChoice {
  for (const subject of subjects) {
    for (const key of subjectKeys(subject)) {
      const section = config.subjects.get(key);
      if (section) return { section, because: `subject ${key}` };
    }
  }
  for (const key of providerKeys) {
    const section = config.providers.get(normalise(key));
    if (section) return { section, because: `provider ${key}` };
  }
  return { section: config.default, because: 'the default' };
}
