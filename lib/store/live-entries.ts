/**
 * Live blog entries written through the API (app/api/live/[story]/entries): a JSON request
 * becomes the very file an editor would save (YAML front matter + Markdown), validated by the
 * same checks as a file (checkEntry and the catalogue's story check) and written to the
 * configured store: the content folder, or PostgreSQL in one publish transaction.
 */
import { randomBytes } from 'node:crypto';
import YAML from 'yaml';
import { slugOfFile, type RawDocument } from '../content/load';
import { parseArticleFile } from '../content/store';
import { contentLocations } from '../content/locations';
import { liveEntryFrontMatterSchema, slugSchema } from '../content/schema';
import type { ContentProblem } from '../content/errors';
import { entryPath } from '../live-blog';
import { applyChanges, ChangeRefused, entryFile, withFrontMatter, type ContentChange } from './changes';
import { writeFolderVersion } from './folder';
import { PublishRefused, writeVersion } from './postgres';
import { createPool } from './postgres-connection';

/** Request fields that are not front matter: the Markdown and the id (the file name). */
const OWN_FIELDS = ['body', 'id'];
const FRONT_MATTER_FIELDS = Object.keys(liveEntryFrontMatterSchema.shape);
const ID_RULE = 'must be lower-case words and digits joined by hyphens, e.g. "polls-close-2200"';

/** A request's entry: its file text and id, or `field: problem` lines. */
export type EntryRequest = { id: string; text: string; postedGiven: boolean; problems?: undefined } | { problems: string[] };

/** "2026-12-02T14:05:33+00:00": now, in whole seconds with an explicit offset, as editors write it. */
export function nowWithOffset(now = Date.now()): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

/** At most five words of `text` as an id part ("Polls close in Scotland!" -> "polls-close-in-scotland"). */
function idWords(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.slice(0, 5).join('-').slice(0, 48).replace(/-+$/, '');
}

/**
 * The id of an entry posted without one: its posted time (UTC, to the second) and a short slug
 * of its title, or a random suffix: "20261202-140533-polls-close-in-scotland".
 */
export function defaultEntryId(posted: unknown, title: unknown, now = Date.now()): string {
  const time = typeof posted === 'string' && !Number.isNaN(Date.parse(posted)) ? Date.parse(posted) : now;
  const digits = new Date(time).toISOString().slice(0, 19).replace(/\D/g, '');
  const words = typeof title === 'string' ? idWords(title) : '';
  return `${digits.slice(0, 8)}-${digits.slice(8)}-${words || randomBytes(3).toString('hex')}`;
}

/**
 * The entry file a JSON request describes: `body` (Markdown, required) below front matter made
 * of the other fields as given (`posted` now when absent), so a wrong value gets the problem a
 * file would. `urlId` is the id of a PUT's URL; a POST's is `id` or made from the time and title.
 */
export function entryOfRequest(value: unknown, urlId?: string, now = Date.now()): EntryRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems: ['body: the request must be a JSON object with the entry\'s fields'] };
  const fields = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of Object.keys(fields)) {
    if (!OWN_FIELDS.includes(field) && !FRONT_MATTER_FIELDS.includes(field)) {
      problems.push(`${field}: is not a field of an entry (${[...OWN_FIELDS, ...FRONT_MATTER_FIELDS].join(', ')})`);
    }
  }
  if (typeof fields.body !== 'string') problems.push('body: is required: the update as a Markdown string');
  if (fields.id !== undefined && (typeof fields.id !== 'string' || !slugSchema.safeParse(fields.id).success)) problems.push(`id: ${ID_RULE}`);
  else if (urlId !== undefined && fields.id !== undefined && fields.id !== urlId) problems.push(`id: is "${String(fields.id)}" but the URL names "${urlId}": leave it out or make them the same`);
  if (problems.length) return { problems };
  const { body, id, ...rest } = fields as { body: string; id?: string; title?: unknown };
  const frontMatter = { posted: nowWithOffset(now), ...rest };
  return {
    id: urlId ?? id ?? defaultEntryId(frontMatter.posted, frontMatter.title, now),
    postedGiven: 'posted' in rest,
    text: `---\n${YAML.stringify(frontMatter)}---\n${body.trim()}\n`,
  };
}

/** A content problem of an entry as the API names it: `id` for the file name, `story` for its folder. */
export function requestProblem({ field, problem }: ContentProblem): string {
  const name = field === 'file name' ? 'id' : field === 'folder' ? 'story' : field;
  return `${name}: ${problem}`;
}

/** The `posted` of a stored entry, or undefined when its front matter does not parse (a broken file). */
function postedOf({ file, text }: RawDocument): unknown {
  try {
    return parseArticleFile(file, text).data.posted;
  } catch {
    return undefined;
  }
}

/** One pool per process for the endpoints, which write on every request. */
let sharedPool: { url: string; pool: ReturnType<typeof createPool> } | undefined;

export interface EntryWritten {
  file: string;
  /** The entry's permalink, site-relative. */
  url: string;
  /** There was no entry with this id before. */
  created: boolean;
}

/**
 * Applies one entry change (saved or deleted) to the configured store, validated first
 * (`keepPosted`: a replacement without `posted` keeps the replaced entry's): throws
 * PublishRefused for the entry's problems and ChangeRefused when there is no such story or
 * entry, or already one (a `create`). Nothing is written then.
 */
export async function writeEntry(
  change: Extract<ContentChange, { kind: 'entry' | 'delete-entry' }>,
  { keepPosted = false, env = process.env }: { keepPosted?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<EntryWritten> {
  const file = entryFile(change.story, change.id);
  let story: RawDocument | undefined;
  let created = false;
  const apply: Parameters<typeof writeFolderVersion>[1] = (current) => {
    const existing = current.entries?.find((document) => document.file === file);
    created = !existing;
    // A replacement that does not say when it was posted keeps its place in the blog.
    const posted = keepPosted && existing && postedOf(existing);
    const kept = change.kind === 'entry' && typeof posted === 'string' ? { ...change, text: withFrontMatter(change.text, { posted }, 'posted') } : change;
    const result = applyChanges(current, [kept]);
    story = current.articles.find((document) => slugOfFile(document.file) === change.story);
    return result;
  };
  const dirs = contentLocations(env);
  if (env.DATABASE_URL) {
    if (sharedPool?.url !== env.DATABASE_URL) sharedPool = { url: env.DATABASE_URL, pool: createPool(env.DATABASE_URL, 2) };
    await writeVersion(sharedPool.pool, dirs.photosDir, apply, { slugs: [change.story], entries: [file] });
  } else {
    // Synchronous from the read to the rename: requests of this process cannot interleave.
    writeFolderVersion(dirs, apply, { stories: [change.story], entries: [file] });
  }
  // Written, so its story was valid: its front matter parses.
  const { section } = parseArticleFile(story!.file, story!.text).data;
  return { file, url: entryPath({ path: `/${String(section)}/${change.story}` }, change.id), created };
}

export { ChangeRefused, PublishRefused };
