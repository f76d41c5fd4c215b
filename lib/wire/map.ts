import { slugify } from '../text';
import { parseDateTime, type ParsedDateTime } from './formats';
import { firstParagraphText, htmlToText, plainTextToHtml, sanitizeWireHtml } from './html';
import type { NinjsAssociation, NinjsConcept, NinjsObject, NinjsRendition, NinjsText, PubStatus } from './ninjs-model';
import type { FieldProblem } from './parse';

/**
 * What a ninjs story says, read into the article's terms: no decisions about versions, files
 * or pictures' bytes yet (lib/wire/import.ts makes those).
 */
export interface WireStory {
  uri: string;
  /** Digits without leading zeros; "0" when the provider sends no version. */
  version: string;
  pubStatus: PubStatus;
  /** Types we publish as articles: text, composite (text with media) or none given. */
  publishable: boolean;
  type?: string;
  headline?: string;
  standfirst?: string;
  /** Cleaned HTML, one block per line. */
  body?: string;
  byline: string;
  dateline?: string;
  tags: string[];
  provider: string;
  /** Names wire.yml may list the provider under. */
  providerKeys: string[];
  subjects: NinjsConcept[];
  syndication: { source: string; copyright?: string; wireLine?: string; noindexNews: true };
  firstCreated?: ParsedDateTime;
  versionCreated?: ParsedDateTime;
  embargoedUntil?: ParsedDateTime;
  /** Set when the provider marks this version as a correction: the note to show. */
  correction?: string;
  pictures: WirePicture[];
  /** Problems that stop a usable story being published (no headline, no body...). */
  contentProblems: FieldProblem[];
}

export interface WirePicture {
  /** `associations[2]`, for messages. */
  field: string;
  label: string;
  uri: string;
  alt?: string;
  caption?: string;
  credit?: string;
  renditions: NinjsRendition[];
}

const ALT_ROLES = new Set(['alt', 'alttext', 'alt-text', 'alt_text', 'alternativetext']);
const CREDIT_ROLES = new Set(['creditline', 'credit', 'credit-line', 'credit_line']);
const CORRECTION_ROLES = new Set(['correction', 'correction-note', 'correctionnote']);
/** Description roles that are not a summary of the story. */
const NOT_SUMMARY = new Set([...ALT_ROLES, ...CREDIT_ROLES, ...CORRECTION_ROLES, 'caption', 'note', 'ednote', 'writer', 'internal']);
const SUMMARY_FIRST = ['summary', 'abstract', 'standfirst', 'lead', 'teaser', 'description'];

const GENERIC_CORRECTION = 'This story was corrected after it was first published.';
const MAX_TAGS = 12;

function role(item: { role?: string }): string {
  return (item.role ?? '').trim().toLowerCase();
}

function isHtml(item: NinjsText): boolean {
  return /^(text\/html|application\/xhtml\+xml|text\/html5|body_xhtml|description_xhtml)\b/i.test(item.contentType ?? '');
}

/** Text of a headline or description, whatever its content type. */
function plain(item: NinjsText): string {
  const value = isHtml(item) || /<\/?[a-z][^>]*>/i.test(item.value) ? htmlToText(item.value) : item.value;
  return value.replace(/\s+/g, ' ').trim();
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(' ');
  return `${(space > max / 2 ? slice.slice(0, space) : slice).trimEnd()}…`;
}

function pickHeadline(headlines: NinjsText[] = []): string | undefined {
  const ordered = [...headlines.filter((h) => role(h) === 'main'), ...headlines.filter((h) => !role(h)), ...headlines];
  for (const headline of ordered) {
    const text = plain(headline);
    if (text) return text;
  }
  return undefined;
}

/** The body: the text/html one (or XHTML), else plain text; role "main" first within each. */
function pickBody(bodies: NinjsText[] = [], headline: string): string | undefined {
  const byRole = (list: NinjsText[]) => [...list.filter((b) => role(b) === 'main'), ...list.filter((b) => role(b) !== 'main')];
  const html = byRole(bodies.filter((b) => isHtml(b) || (!b.contentType && /<\/?(p|div|br|h[1-6]|ul|ol|blockquote)\b/i.test(b.value))));
  for (const body of html) {
    const clean = sanitizeWireHtml(body.value, headline);
    if (clean) return clean;
  }
  const text = byRole(bodies.filter((b) => !b.contentType || /^text\/plain\b/i.test(b.contentType)));
  for (const body of text) {
    const clean = plainTextToHtml(body.value);
    if (clean) return clean;
  }
  return undefined;
}

function pickStandfirst(descriptions: NinjsText[] = []): string | undefined {
  const candidates = descriptions.filter((d) => !NOT_SUMMARY.has(role(d)));
  const ordered = [...SUMMARY_FIRST.flatMap((wanted) => candidates.filter((d) => role(d) === wanted)), ...candidates];
  for (const description of ordered) {
    const text = plain(description);
    if (text) return text;
  }
  return undefined;
}

function hostOf(uri: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(uri);
  return match?.[1].toLowerCase().replace(/^www\./, '');
}

/** Version "007" is 7; no version is 0 (so any numbered version replaces it). */
function normaliseVersion(version: string | undefined): string | FieldProblem {
  if (version === undefined) return '0';
  if (!/^\s*\d+\s*$/.test(version)) {
    return { field: 'version', problem: `"${version}" is not a whole number: ninjs versions are compared as numbers` };
  }
  return BigInt(version.trim()).toString();
}

/** The provider's marks for a correction: a description with role correction, a genre, or an editor's note. */
function correctionOf(doc: NinjsObject): string | undefined {
  const note = (doc.descriptions ?? []).find((d) => CORRECTION_ROLES.has(role(d)));
  if (note && plain(note)) return cut(plain(note), 2000);
  const genre = (doc.genres ?? []).some((g) =>
    [g.name, g.literal, g.uri?.split(/[/:#]/).pop()].some((value) => value && /^correct(ion|ed)?$/i.test(value.trim())),
  );
  if (genre) return GENERIC_CORRECTION;
  if (doc.edNote && /\b(correct(s|ed|ion|ing)?|corrective)\b/i.test(doc.edNote) && !/\bnot an? correction\b/i.test(doc.edNote)) return GENERIC_CORRECTION;
  return undefined;
}

function dateField(doc: NinjsObject, field: 'firstCreated' | 'versionCreated' | 'embargoedUntil', problems: FieldProblem[]): ParsedDateTime | undefined {
  const value = doc[field];
  if (value === undefined) return undefined;
  const parsed = parseDateTime(value);
  if ('problem' in parsed) {
    problems.push({ field, problem: parsed.problem });
    return undefined;
  }
  return parsed;
}

function pictureOf(association: NinjsAssociation, index: number): WirePicture {
  const descriptions = association.descriptions ?? [];
  const alt = descriptions.find((d) => ALT_ROLES.has(role(d)));
  const creditLine = descriptions.find((d) => CREDIT_ROLES.has(role(d)));
  const captions = descriptions.filter((d) => !NOT_SUMMARY.has(role(d)) || role(d) === 'caption');
  const caption = [...captions.filter((d) => role(d) === 'caption'), ...captions].map(plain).find(Boolean);
  const credit = [association.by, creditLine?.value, association.copyrightHolder].map((value) => value && plain({ value })).find(Boolean);
  return {
    field: `associations[${index}]`,
    label: `associations[${index}] "${association.name}"`,
    uri: association.uri,
    alt: alt ? plain(alt) || undefined : undefined,
    caption: caption ? cut(caption, 2000) : undefined,
    credit: credit ? cut(credit, 300) : undefined,
    renditions: association.renditions ?? [],
  };
}

/** Reads a validated ninjs document (3.x names) into a WireStory. Problems with its dates or version are returned instead. */
export function readStory(doc: NinjsObject): { story: WireStory } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const version = normaliseVersion(doc.version);
  if (typeof version !== 'string') problems.push(version);
  const firstCreated = dateField(doc, 'firstCreated', problems);
  const versionCreated = dateField(doc, 'versionCreated', problems);
  const embargoedUntil = dateField(doc, 'embargoedUntil', problems);
  if (problems.length) return { problems };

  const contentProblems: FieldProblem[] = [];
  const headline = pickHeadline(doc.headlines);
  if (!headline) contentProblems.push({ field: 'headlines', problem: 'a story needs a headline (a headline with role "main")' });
  else if (headline.length > 3000) contentProblems.push({ field: 'headlines', problem: 'the headline is over 3,000 characters' });
  const body = pickBody(doc.bodies, headline ?? '');
  if (!body) contentProblems.push({ field: 'bodies', problem: 'a story needs a body: no text/html, XHTML or plain-text body with any text in it' });
  const standfirst = pickStandfirst(doc.descriptions) ?? (body ? firstParagraphText(body) : undefined);

  const infoSources = (doc.infoSources ?? []).map((source) => source.name?.trim()).filter((name): name is string => !!name);
  const host = hostOf(doc.uri);
  const provider = doc.copyrightHolder?.trim() || infoSources[0] || host || 'wire';
  const providerKeys = [doc.copyrightHolder?.trim(), ...infoSources, host].filter((key): key is string => !!key);
  const others = infoSources.filter((name) => name.toLowerCase() !== provider.toLowerCase());
  const copyright = doc.copyrightNotice?.trim() || (doc.copyrightHolder?.trim() ? `© ${doc.copyrightHolder.trim()}` : undefined);

  const seen = new Set<string>();
  const tags = [...(doc.subjects ?? []), ...(doc.genres ?? [])]
    .map((concept) => concept.name?.replace(/\s+/g, ' ').trim() ?? '')
    .filter((name) => {
      const key = slugify(name);
      if (!key || name.length > 80 || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_TAGS);

  const pictures = (doc.associations ?? []).flatMap((association, i) => (association.type === 'picture' ? [pictureOf(association, i)] : []));

  return {
    story: {
      uri: doc.uri,
      version: version as string,
      pubStatus: doc.pubStatus ?? 'usable',
      publishable: doc.type === undefined || doc.type === 'text' || doc.type === 'composite',
      type: doc.type,
      headline: headline && cut(headline, 3000),
      standfirst: standfirst ? cut(standfirst, 600) : undefined,
      body,
      byline: cut((doc.by && plain({ value: doc.by })) || provider, 300),
      dateline: doc.located && plain({ value: doc.located }) ? cut(plain({ value: doc.located }), 100) : undefined,
      tags,
      provider: cut(provider, 200),
      providerKeys,
      subjects: doc.subjects ?? [],
      syndication: {
        source: cut(provider, 200),
        ...(copyright && { copyright: cut(copyright, 500) }),
        ...(others.length && { wireLine: cut(`with ${others.join(', ')}`, 300) }),
        noindexNews: true,
      },
      firstCreated,
      versionCreated,
      embargoedUntil,
      correction: correctionOf(doc),
      pictures,
      contentProblems,
    },
  };
}

/** The URL slug for a headline: ASCII words joined by hyphens, at most about 80 characters. */
export function slugForHeadline(headline: string): string {
  const ascii = slugify(headline).replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (ascii.length <= 80) return ascii;
  const cutAt = ascii.lastIndexOf('-', 80);
  return ascii.slice(0, cutAt > 30 ? cutAt : 80).replace(/-$/, '');
}
