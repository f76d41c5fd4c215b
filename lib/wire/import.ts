import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import YAML from 'yaml';
import { RESERVED_SLUGS } from '../content/load';
import { articleFrontMatterSchema, sectionsFileSchema, type ArticleFrontMatter, type Section } from '../content/schema';
import { photoFileName, type ArticleStore, type StoredArticle } from '../content/store';
import { chooseSection, parseWireConfig, WIRE_CONFIG_FILE, WireConfigError, type WireConfig } from './config';
import { readStory, slugForHeadline, type WirePicture, type WireStory } from './map';
import { isUri } from './formats';
import { parseNinjs, type FieldProblem } from './parse';
import { DEFAULT_PICTURE_LIMITS, loadRendition, PictureError, processPicture, rankRenditions, type PictureLimits, type PictureLoader } from './pictures';

/** What happened to one document; the CLI prints it as `<outcome> <uri> <path or -> <reason>`. */
export type Outcome = 'imported' | 'updated' | 'unchanged' | 'ignored' | 'withdrawn' | 'held' | 'rejected';

export interface ImportResult {
  outcome: Outcome;
  /** The ninjs uri, when the document has a readable one. */
  uri?: string;
  /** The story's path on the site, e.g. /world/some-story, when there is a story. */
  path?: string;
  reason: string;
  /** Where the document came from: a file (with #n inside an array) or "request". */
  source: string;
  /** The article file written, relative to the content folder. */
  file?: string;
}

export interface ImportOptions {
  store: ArticleStore;
  now?: () => number;
  limits?: PictureLimits;
  /** Replaces fetching renditions (tests of documents whose hrefs are on the internet). */
  loadPicture?: PictureLoader;
}

interface DocumentInput {
  value: unknown;
  source: string;
  /** Folder for `file:` renditions (the JSON file's folder); undefined for pushed documents. */
  baseDir?: string;
}

const WIRE_FOLDER = 'articles/wire';

export function formatResult(result: ImportResult): string {
  const uri = result.uri && !/\s/.test(result.uri) ? result.uri : '-';
  return `${result.outcome} ${uri} ${result.path ?? '-'} ${result.reason}`;
}

function problemsText(problems: FieldProblem[]): string {
  return problems.map((p) => (p.field ? `${p.field}: ${p.problem}` : p.problem)).join('; ');
}

/** A picture read, resized and named, not yet stored. */
interface PreparedPicture extends WirePicture {
  src: string;
  bytes: Buffer;
}

/** The existing article's state, validated. */
interface Existing {
  stored: StoredArticle;
  data: ArticleFrontMatter;
}

function withdrawnReasonFor(story: WireStory, pubStatus: 'withheld' | 'canceled'): string {
  return pubStatus === 'canceled'
    ? `Withdrawn at the request of ${story.provider}, which distributed this story.`
    : `Withheld at the request of ${story.provider} while it reviews this story.`;
}

function laterOf(a: string, b: string | undefined): string {
  return b && Date.parse(b) > Date.parse(a) ? b : a;
}

/** Front matter in a stable key order, without empty defaults, as YAML with every string quoted. */
function toMarkdown(frontMatter: Record<string, unknown>, body: string, comment: string[]): string {
  const clean = Object.fromEntries(
    Object.entries(frontMatter).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
  const yaml = YAML.stringify(clean, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  const notes = comment.length ? comment.map((line) => `# ${line}`.trimEnd()).join('\n') + '\n' : '';
  return `---\n${yaml}${notes}---\n${body.trim()}\n`;
}

interface Site {
  sections: Section[];
  config: WireConfig;
}

async function readSite(store: ArticleStore): Promise<Site> {
  const sectionsSource = await store.readConfig('sections.yml');
  const sections = sectionsFileSchema.safeParse(sectionsSource === undefined ? undefined : YAML.parse(sectionsSource));
  if (!sections.success) throw new WireConfigError(['content/sections.yml: is missing or invalid: the site cannot load it either']);
  return { sections: sections.data, config: parseWireConfig(await store.readConfig(WIRE_CONFIG_FILE), sections.data) };
}

async function prepareMissingPictures(story: WireStory, input: DocumentInput, options: ImportOptions): Promise<{ pictures: PreparedPicture[] } | { problems: FieldProblem[] }> {
  const limits = options.limits ?? DEFAULT_PICTURE_LIMITS;
  const load = options.loadPicture ?? loadRendition;
  const pictures: PreparedPicture[] = [];
  const problems: FieldProblem[] = [];
  for (const picture of story.pictures) {
    const ranked = rankRenditions(picture.renditions, limits);
    if (!ranked.length) {
      problems.push({ field: `${picture.field}.renditions`, problem: 'no image rendition with an href (http(s), or file: beside the JSON) within the size limit' });
      continue;
    }
    const failures: string[] = [];
    for (const rendition of ranked) {
      const index = picture.renditions.indexOf(rendition);
      try {
        const raw = await load(rendition.href!, { baseDir: input.baseDir, limits });
        const processed = await processPicture(raw);
        pictures.push({ ...picture, src: `/photos/${photoFileName(processed.bytes)}`, bytes: processed.bytes });
        failures.length = 0;
        break;
      } catch (error) {
        if (!(error instanceof PictureError)) throw error;
        failures.push(`${picture.field}.renditions[${index}].href: ${rendition.href} ${error.message}`);
      }
    }
    if (failures.length) problems.push({ field: '', problem: failures.join('; ') });
  }
  return problems.length ? { problems } : { pictures };
}

/** A slug not used by any article; the headline's, with -2, -3... if another story has it. */
function freshSlug(headline: string, uri: string, taken: Set<string>): string {
  const base = slugForHeadline(headline) || `wire-${createHash('sha256').update(uri).digest('hex').slice(0, 12)}`;
  let slug = RESERVED_SLUGS.has(base) ? `${base}-story` : base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

interface Decision {
  outcome: Outcome;
  reason: string;
  frontMatter?: Record<string, unknown>;
  body?: string;
  comment?: string[];
  newPhotos?: PreparedPicture[];
}

/** The article for a usable version: new, or the existing one brought up to this version. */
function buildUsable(story: WireStory, existing: Existing | undefined, pictures: PreparedPicture[], site: Site, now: number): Decision {
  const nowIso = new Date(now).toISOString();
  const previous = existing?.data;
  const section = previous?.section ?? chooseSection(site.config, story.subjects, story.providerKeys).section;
  const sectionName = site.sections.find((s) => s.slug === section)?.name ?? section;

  // Alt text an editor wrote for the same picture (same bytes, same src) is kept.
  const previousPhotos = new Map([previous?.hero, ...(previous?.gallery ?? [])].filter((p) => !!p).map((p) => [p!.src, p!]));
  const complete: { src: string; alt: string; caption: string; credit: string }[] = [];
  const incomplete: { picture: PreparedPicture; missing: string[] }[] = [];
  for (const picture of pictures) {
    const earlier = previousPhotos.get(picture.src);
    const alt = picture.alt ?? earlier?.alt;
    const caption = picture.caption ?? earlier?.caption;
    const credit = picture.credit ?? earlier?.credit;
    const missing = [!alt && 'alt text', !caption && 'caption', !credit && 'credit'].filter((m): m is string => !!m);
    if (missing.length) incomplete.push({ picture, missing });
    else complete.push({ src: picture.src, alt: alt!, caption: caption!, credit: credit! });
  }

  const embargoAhead = story.embargoedUntil && story.embargoedUntil.ms > now ? story.embargoedUntil.iso : undefined;
  let published: string;
  if (embargoAhead) published = embargoAhead;
  else if (previous && Date.parse(previous.published) <= now) published = previous.published;
  else published = laterOf(story.firstCreated?.iso ?? story.versionCreated?.iso ?? nowIso, story.embargoedUntil?.iso);

  const headlineChanged = !!previous && previous.headline !== story.headline;
  const bodyChanged = !!existing && existing.stored.body.trim() !== story.body!.trim();
  const changed = headlineChanged || bodyChanged;
  let updated: string | undefined = previous?.updated;
  if (!previous || changed) {
    const candidate = previous ? laterOf(story.versionCreated?.iso ?? nowIso, previous.updated) : story.versionCreated?.iso;
    // An "Updated" time is only shown once the story is out, and never before it was published.
    if (candidate && Date.parse(candidate) > Date.parse(published)) updated = candidate;
    else if (previous && now > Date.parse(published)) updated = nowIso;
  }
  if (updated && Date.parse(updated) < Date.parse(published)) updated = undefined;
  const corrections = [...(previous?.corrections ?? [])];
  // Providers repeat a correction's note in later versions: it is noted once.
  const correctionNoted = !!(previous && changed && story.correction && updated && !corrections.some((c) => c.text === story.correction));
  if (correctionNoted) corrections.push({ date: updated!, text: story.correction! });

  // A wire update never takes a live story down: pictures without alt text are left out instead.
  const live = previous?.status === 'published' && Date.parse(previous.published) <= now;
  const editorWithdrawn = previous?.status === 'withdrawn' && previous.wire?.pubStatus === 'usable';
  const status = editorWithdrawn ? 'withdrawn' : incomplete.length && !live ? 'draft' : 'published';
  const tags = story.tags.length ? story.tags : [sectionName];

  const frontMatter: Record<string, unknown> = {
    status,
    withdrawnReason: editorWithdrawn ? previous?.withdrawnReason : undefined,
    section,
    headline: story.headline,
    standfirst: story.standfirst,
    authors: previous?.authors,
    byline: story.byline,
    dateline: story.dateline,
    published,
    updated,
    tags,
    hero: complete[0],
    gallery: complete.slice(1),
    related: previous?.related,
    syndication: story.syndication,
    corrections,
    aliases: previous?.aliases,
    wire: { provider: story.provider, uri: story.uri, version: story.version, pubStatus: 'usable' },
  };

  const comment = incomplete.length
    ? [
        status === 'draft'
          ? 'DRAFT: the provider sent pictures without what every photo needs (alt text is never made up from'
          : 'Pictures left out: the provider sent them without what every photo needs (alt text is never made up from',
        'the caption). Write what each picture shows, move it under hero: or gallery: with alt, caption',
        `and credit${status === 'draft' ? ', then set status: published' : ''}. The photo files are stored already.`,
        ...incomplete.flatMap(({ picture, missing }) => [
          `  - src: ${picture.src}   # ${picture.label}: no ${missing.join(', no ')}`,
          ...(picture.caption ? [`    caption: ${JSON.stringify(picture.caption)}`] : []),
          ...(picture.credit ? [`    credit: ${JSON.stringify(picture.credit)}`] : []),
        ]),
      ]
    : [];

  const reasons: string[] = [];
  const missingNote = incomplete.map(({ picture, missing }) => `${picture.label} has no ${missing.join(', no ')}`).join('; ');
  let outcome: Outcome;
  if (!previous) {
    outcome = status === 'draft' || embargoAhead ? 'held' : 'imported';
    reasons.push(`version ${story.version}, new in ${section}`);
  } else {
    outcome = status === 'draft' || (embargoAhead && status === 'published') ? 'held' : 'updated';
    const what = [headlineChanged && 'headline', bodyChanged && 'body'].filter(Boolean).join(' and ');
    reasons.push(`version ${previous.wire?.version ?? '?'} -> ${story.version}${what ? `: ${what} changed` : ''}`);
    if (previous.status === 'withdrawn' && !editorWithdrawn) reasons.push(`restored after being ${previous.wire?.pubStatus}`);
    if (correctionNoted) reasons.push('correction noted');
    else if (changed && story.correction && !updated) reasons.push('marked as a correction, but not noted before the story is out');
    if (editorWithdrawn) reasons.push('kept withdrawn: an editor withdrew it');
  }
  if (status === 'draft') reasons.push(`draft until an editor adds them: ${missingNote}`);
  else if (incomplete.length) reasons.push(`left out: ${missingNote}`);
  if (embargoAhead) reasons.push(`embargoed until ${embargoAhead}`);
  if (!previous && !complete.length && !incomplete.length) reasons.push('text only');
  else if (!previous && complete.length) reasons.push(`${complete.length} picture${complete.length === 1 ? '' : 's'}`);
  return { outcome, reason: reasons.join('; '), frontMatter, body: story.body!, comment, newPhotos: pictures };
}

/** A kill or withhold: the story stays in its file, marked withdrawn, so it answers 410 and no replay revives it. */
function buildWithdrawal(story: WireStory, existing: Existing | undefined, pubStatus: 'withheld' | 'canceled', site: Site, now: number): Decision {
  const wire = { provider: story.provider, uri: story.uri, version: story.version, pubStatus };
  const withdrawnReason = withdrawnReasonFor(story, pubStatus);
  const reason =
    pubStatus === 'canceled'
      ? `killed (canceled) by ${story.provider} at version ${story.version}: withdrawn for good`
      : `withheld by ${story.provider} at version ${story.version}: withdrawn until a later usable version`;
  if (existing) {
    const { stored } = existing;
    return {
      outcome: 'withdrawn',
      reason,
      frontMatter: { ...stored.data, status: 'withdrawn', withdrawnReason, wire },
      body: stored.body,
      comment: [],
      newPhotos: [],
    };
  }
  // Never had it: a tombstone, so an older usable version that arrives late is not published.
  const section = chooseSection(site.config, story.subjects, story.providerKeys).section;
  const nowIso = new Date(now).toISOString();
  const headline = story.headline ?? `Withdrawn wire story from ${story.provider}`;
  const note = 'Withdrawn by its provider before NewsBite published it.';
  return {
    outcome: 'withdrawn',
    reason: `${reason} (never published here; kept as a tombstone)`,
    frontMatter: {
      status: 'withdrawn',
      withdrawnReason,
      section,
      headline,
      standfirst: story.standfirst ?? note,
      byline: story.byline,
      published: story.firstCreated?.iso ?? story.versionCreated?.iso ?? nowIso,
      tags: story.tags.length ? story.tags : [site.sections.find((s) => s.slug === section)?.name ?? section],
      syndication: story.syndication,
      wire,
    },
    body: story.body ?? `<p>${note}</p>`,
    comment: ['Tombstone: keep this file. It answers 410 and stops older versions of the story coming back.'],
    newPhotos: [],
  };
}

function sameArticle(existing: Existing, frontMatter: Record<string, unknown>, body: string): boolean {
  const next = articleFrontMatterSchema.safeParse(frontMatter);
  if (!next.success) return false;
  // Through JSON: an absent key and one set to undefined are the same front matter.
  const strip = (data: ArticleFrontMatter) => JSON.parse(JSON.stringify({ ...data, wire: data.wire && { ...data.wire, version: '' } })) as unknown;
  return isDeepStrictEqual(strip(existing.data), strip(next.data)) && existing.stored.body.trim() === body.trim();
}

/** One document, all or nothing: validated as the site would load it before a byte is written. */
export async function importDocument(input: DocumentInput, options: ImportOptions): Promise<ImportResult> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const uriOf = (value: unknown) => (value && typeof value === 'object' && typeof (value as { uri?: unknown }).uri === 'string' ? (value as { uri: string }).uri : undefined);
  const rejected = (reason: string, extra: Partial<ImportResult> = {}): ImportResult => ({
    outcome: 'rejected',
    uri: uriOf(input.value),
    reason: `${input.source}: ${reason}`,
    source: input.source,
    ...extra,
  });

  const parsed = parseNinjs(input.value);
  const read = parsed.ok ? readStory(parsed.document) : { problems: parsed.problems };
  let story: WireStory;
  /** Problems of a kill that is applied anyway: taking a story down is the safe way to fail. */
  let killDespite: FieldProblem[] | undefined;
  if ('problems' in read) {
    const kill = killOf(input.value);
    if (!kill) return rejected(problemsText(read.problems));
    story = kill;
    killDespite = read.problems;
  } else story = read.story;
  const base = { uri: story.uri, source: input.source };
  if (!story.publishable) return { ...base, outcome: 'ignored', reason: `type ${story.type}: only text stories are published` };

  let site: Site;
  try {
    site = await readSite(store);
  } catch (error) {
    if (error instanceof WireConfigError) return rejected(error.problems.join('; '));
    throw error;
  }

  /**
   * What to do given what the store holds now. Undefined: a usable version that needs its
   * pictures first (they are fetched outside the lock, then this is asked again inside it).
   */
  const decide = (existing: Existing | undefined, pictures?: PreparedPicture[]): Decision | ImportResult | undefined => {
    const previous = existing?.data;
    const sitePath = previous && `/${previous.section}/${existing.stored.slug}`;
    if (previous?.wire?.pubStatus === 'canceled') {
      return { ...base, path: sitePath, outcome: 'ignored', reason: `killed at version ${previous.wire.version}: a kill is final, version ${story.version} is not published` };
    }
    if (previous?.wire && BigInt(story.version) <= BigInt(previous.wire.version)) {
      return { ...base, path: sitePath, outcome: 'ignored', reason: `version ${story.version} is not newer than version ${previous.wire.version} (a replay)` };
    }
    if (killDespite) {
      if (!existing) return rejected(problemsText(killDespite), base);
      const decision = buildWithdrawal(story, existing, 'canceled', site, now());
      return { ...decision, reason: `${decision.reason} (applied although the document is invalid: ${problemsText(killDespite)})` };
    }
    if (story.pubStatus !== 'usable') return buildWithdrawal(story, existing, story.pubStatus, site, now());
    if (story.contentProblems.length) return rejected(problemsText(story.contentProblems), base);
    return pictures && buildUsable(story, existing, pictures, site, now());
  };

  const loadExisting = async (): Promise<Existing | undefined | ImportResult> => {
    const stored = await store.findByWireUri(story.uri);
    if (!stored) return undefined;
    const data = articleFrontMatterSchema.safeParse(stored.data);
    if (!data.success) {
      return rejected(`the story's file ${stored.file} is invalid (${data.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}): fix it before importing a new version`, base);
    }
    return { stored, data: data.data };
  };

  try {
    // First look without the lock: a replay or a kill needs no pictures.
    const first = await loadExisting();
    if (first && 'outcome' in first) return first;
    const early = decide(first);
    if (early && 'source' in early) return early;
    let pictures: PreparedPicture[] = [];
    if (story.pubStatus === 'usable') {
      const prepared = await prepareMissingPictures(story, input, options);
      if ('problems' in prepared) return rejected(problemsText(prepared.problems), base);
      pictures = prepared.pictures;
    }

    return await store.exclusive(async () => {
      const existing = await loadExisting();
      if (existing && 'outcome' in existing) return existing;
      const decision = decide(existing, pictures)!;
      if ('source' in decision) return decision;
      const taken = await store.slugs();
      // A tombstone without a headline gets a neutral slug, not one made from its placeholder.
      const slug = existing?.stored.slug ?? freshSlug(story.headline ?? '', story.uri, taken);
      const file = existing?.stored.file ?? `${WIRE_FOLDER}/${slug}.md`;
      const frontMatter = decision.frontMatter!;
      const sitePath = `/${frontMatter.section}/${slug}`;
      if (existing && decision.outcome !== 'withdrawn' && sameArticle(existing, frontMatter, decision.body!)) {
        return { ...base, path: sitePath, outcome: 'unchanged', reason: `version ${story.version}: nothing readers see changed` };
      }
      const markdown = toMarkdown(frontMatter, decision.body!, decision.comment ?? []);
      // Curated links to other stories are checked here; the loader sees this story alone.
      const related = (frontMatter.related as string[] | undefined) ?? [];
      const missingRelated = related.filter((other) => !taken.has(other));
      const problems = [
        ...missingRelated.map((other) => `${file}: related: "${other}" is not an article`),
        ...(await store.check({ file, markdown: toMarkdown({ ...frontMatter, related: undefined }, decision.body!, []), newPhotos: decision.newPhotos ?? [] })),
      ];
      if (problems.length) return rejected(`the article would not load: ${problems.join('; ')}`, { ...base, path: existing ? sitePath : undefined });
      // Photos first (left-out ones too, so an editor can use them): an article never points at a missing photo.
      for (const photo of decision.newPhotos ?? []) await store.writePhoto(photo.bytes);
      await store.writeArticle(file, markdown);
      return { ...base, path: sitePath, outcome: decision.outcome, reason: decision.reason, file };
    });
  } catch (error) {
    return rejected(`could not be imported: ${(error as Error).message}`, base);
  }
}

/**
 * A kill (pubStatus canceled) in a document that is otherwise invalid: its uri, version and
 * provider, if they can be read. Refusing it would leave a story the provider killed online.
 */
function killOf(value: unknown): WireStory | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  const text = (key: string) => (typeof doc[key] === 'string' ? (doc[key] as string).trim() : undefined);
  const uri = text('uri');
  const version = text('version') ?? '0';
  if (!uri || !isUri(uri) || (doc.pubStatus ?? doc.pubstatus) !== 'canceled' || !/^\d+$/.test(version)) return undefined;
  const provider = text('copyrightHolder') ?? text('copyrightholder') ?? 'the provider';
  return {
    uri,
    version: BigInt(version).toString(),
    pubStatus: 'canceled',
    publishable: true,
    byline: provider,
    tags: [],
    provider,
    providerKeys: [],
    subjects: [],
    syndication: { source: provider, noindexNews: true },
    pictures: [],
    contentProblems: [],
  };
}

/** A JSON text: one document or an array of them. Text that is not JSON is one rejected result. */
export async function importJsonText(text: string, source: string, options: ImportOptions, baseDir?: string): Promise<ImportResult[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ outcome: 'rejected', reason: `${source}: not JSON: ${(error as Error).message}`, source }];
  }
  return importJsonValue(value, source, options, baseDir);
}

/** Parsed JSON: one document or an array of them. */
export async function importJsonValue(value: unknown, source: string, options: ImportOptions, baseDir?: string): Promise<ImportResult[]> {
  const documents = Array.isArray(value) ? value.map((item, i) => ({ value: item, source: `${source}#${i}`, baseDir })) : [{ value, source, baseDir }];
  if (!documents.length) return [{ outcome: 'rejected', reason: `${source}: an empty array holds no document`, source }];
  const results: ImportResult[] = [];
  // In order: a batch may hold several versions of one story.
  for (const document of documents) results.push(await importDocument(document, options));
  return results;
}

/** Files and folders (every *.json directly inside, by name) from the command line. */
export async function importPaths(paths: string[], options: ImportOptions): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const given of paths) {
    let files: string[];
    try {
      const stat = await fs.stat(given);
      files = stat.isDirectory()
        ? (await fs.readdir(given)).filter((name) => name.toLowerCase().endsWith('.json')).sort().map((name) => path.join(given, name))
        : [given];
    } catch (error) {
      results.push({ outcome: 'rejected', reason: `${given}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, source: given });
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        results.push({ outcome: 'rejected', reason: `${file}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, source: file });
        continue;
      }
      results.push(...(await importJsonText(text, file, options, path.dirname(path.resolve(file)))));
    }
  }
  return results;
}
