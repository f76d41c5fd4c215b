import YAML from 'yaml';
import { entryOfFile, slugOfFile, type RawContent, type RawDocument } from '../content/load';

/**
 * One editorial change `npm run publish` (or a write endpoint) makes: an article file saved, a
 * story withdrawn, a live blog entry saved (`create`: only if there is none with its id), or an
 * entry deleted (marked `status: deleted`, a tombstone: its permalink answers 410).
 */
export type ContentChange =
  | { kind: 'article'; slug: string; text: string }
  | { kind: 'withdraw'; slug: string; reason?: string }
  | { kind: 'entry'; story: string; id: string; text: string; create?: boolean }
  | { kind: 'delete-entry'; story: string; id: string };

/** A change that cannot apply to the stored content: names no story, or an entry that is (or is not) there. */
export class ChangeRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'no-story' | 'no-entry' | 'entry-exists',
  ) {
    super(message);
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?\r?\n)?---(\r?\n|$)/;

/** The text with `fields` set in its front matter, all else as written. */
export function withFrontMatter(text: string, fields: Record<string, string>, what: string): string {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`has no front matter to mark ${what}`);
  const document = YAML.parseDocument(match[1] ?? '');
  if (document.errors.length) throw new Error(`front matter is not valid YAML: ${document.errors[0].message}`);
  for (const [field, value] of Object.entries(fields)) document.set(field, value);
  return `---\n${document.toString()}---\n${text.slice(match[0].length)}`;
}

/** The article text with `status: withdrawn` (and the reason) set in its front matter, all else as written. */
export function withdrawnText(text: string, reason?: string): string {
  return withFrontMatter(text, { status: 'withdrawn', ...(reason && { withdrawnReason: reason }) }, 'withdrawn');
}

/** The entry text with `status: deleted` in its front matter: kept as a tombstone, so its permalink answers 410. */
export function deletedEntryText(text: string): string {
  return withFrontMatter(text, { status: 'deleted' }, 'deleted');
}

/** The file of a live blog entry. */
export const entryFile = (story: string, id: string) => `live/${story}/${id}.md`;

/** The slugs of the stories a change reads: its own, or the live blog of an entry. */
export const storyOfChange = (change: ContentChange) => ('story' in change ? change.story : change.slug);

/**
 * The content after the changes, and the documents they wrote. An article replaces the one with
 * the same slug wherever it lives (a sub-folder of articles/), or is added as articles/<slug>.md;
 * an entry is `live/<story>/<id>.md`, and its story must be there (checked as a live blog by the validation).
 */
export function applyChanges(raw: RawContent, changes: ContentChange[]): { raw: RawContent; written: RawDocument[] } {
  const articles = new Map(raw.articles.map((document) => [slugOfFile(document.file), document]));
  const entries = new Map((raw.entries ?? []).map((document) => [document.file, document]));
  const written = new Map<string, RawDocument>();
  for (const change of changes) {
    let document: RawDocument;
    if (change.kind === 'entry' || change.kind === 'delete-entry') {
      const file = entryFile(change.story, change.id);
      if (!entryOfFile(file)) throw new ChangeRefused(`${file}: is not an entry path (live/<story-slug>/<entry-id>.md)`, 'no-entry');
      if (!articles.has(change.story)) throw new ChangeRefused(`${file}: there is no story "${change.story}" to post to`, 'no-story');
      const existing = entries.get(file);
      if (change.kind === 'entry') {
        if (change.create && existing) throw new ChangeRefused(`${file}: there is already an entry "${change.id}" (use PUT to replace it)`, 'entry-exists');
        document = { file, text: change.text };
      } else {
        if (!existing) throw new ChangeRefused(`${file}: there is no entry "${change.id}" in "${change.story}"`, 'no-entry');
        document = { file, text: deletedEntryText(existing.text) };
      }
      entries.set(file, document);
    } else {
      const existing = articles.get(change.slug);
      if (change.kind === 'article') {
        document = { file: existing?.file ?? `articles/${change.slug}.md`, text: change.text };
      } else {
        if (!existing) throw new Error(`--withdraw ${change.slug}: there is no article with that slug`);
        try {
          document = { file: existing.file, text: withdrawnText(existing.text, change.reason) };
        } catch (error) {
          throw new Error(`--withdraw ${change.slug}: ${existing.file} ${(error as Error).message}`);
        }
      }
      articles.set(change.slug, document);
    }
    written.set(document.file, document);
  }
  return { raw: { ...raw, articles: [...articles.values()], entries: [...entries.values()] }, written: [...written.values()] };
}
