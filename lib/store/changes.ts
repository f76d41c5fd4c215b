import YAML from 'yaml';
import { slugOfFile, type RawContent, type RawDocument } from '../content/load';

/** One editorial change `npm run publish` makes: an article file saved, or a story withdrawn. */
export type ContentChange =
  | { kind: 'article'; slug: string; text: string }
  | { kind: 'withdraw'; slug: string; reason?: string };

const FRONT_MATTER = /^---\r?\n([\s\S]*?\r?\n)?---(\r?\n|$)/;

/** The article text with `status: withdrawn` (and the reason) set in its front matter, all else as written. */
export function withdrawnText(text: string, reason?: string): string {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error('has no front matter to mark withdrawn');
  const document = YAML.parseDocument(match[1] ?? '');
  if (document.errors.length) throw new Error(`front matter is not valid YAML: ${document.errors[0].message}`);
  document.set('status', 'withdrawn');
  if (reason) document.set('withdrawnReason', reason);
  return `---\n${document.toString()}---\n${text.slice(match[0].length)}`;
}

/**
 * The content after the changes, and the documents they wrote. An article replaces the one with
 * the same slug wherever it lives (a sub-folder of articles/), or is added as articles/<slug>.md.
 */
export function applyChanges(raw: RawContent, changes: ContentChange[]): { raw: RawContent; written: RawDocument[] } {
  const articles = new Map(raw.articles.map((document) => [slugOfFile(document.file), document]));
  const written = new Map<string, RawDocument>();
  for (const change of changes) {
    const existing = articles.get(change.slug);
    let document: RawDocument;
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
    written.set(document.file, document);
  }
  return { raw: { ...raw, articles: [...articles.values()] }, written: [...written.values()] };
}
