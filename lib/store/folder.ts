import fs from 'node:fs';
import path from 'node:path';
import { validateContent } from '../content/catalogue';
import { readContentFolder, slugOfFile, type RawContent, type RawDocument } from '../content/load';
import type { ContentDirs } from '../content/locations';
import { parseArticleFile } from '../content/store';
import { listFolder } from '../content/stamps';
import { problemsOf, PublishRefused, validateAmong, type StoreWrite } from './postgres';

/** What an entry-only publish reads: the live blogs it posts to and the entry files it writes. */
export interface EntryScope {
  stories: string[];
  entries: string[];
}

/**
 * A publish into the content folder: validate the resulting version (refused for a problem of a
 * document it writes, never for another's), then write every
 * changed file under a temporary name first and rename them all into place, so a failure
 * before the renames leaves the folder as it was and each file is replaced atomically.
 * With an `entries` scope (a publish that writes live blog entries only) it reads and checks
 * only what entries depend on, as a publish to PostgreSQL does: milliseconds whatever the archive.
 */
export function writeFolderVersion(dirs: ContentDirs, change: (current: RawContent) => StoreWrite, entries?: EntryScope): { written: string[] } {
  const current = entries ? readEntryScope(dirs.contentDir, entries) : readContentFolder(dirs.contentDir);
  const { raw, written } = change(current);
  const problems = entries ? validateAmong(dirs.photosDir, raw, raw.articles, written).problems : problemsOf(validateContent(raw, dirs.photosDir).problems, written);
  if (problems.length) throw new PublishRefused(problems);
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const document of written as RawDocument[]) {
      const target = path.join(dirs.contentDir, document.file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      fs.writeFileSync(temp, document.text);
      staged.push({ temp, target });
    }
  } catch (error) {
    for (const { temp } of staged) fs.rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) fs.renameSync(temp, target);
  return { written: written.map((d) => d.file) };
}

/** A file's text, or undefined when it is not there. */
function readIfThere(contentDir: string, file: string): string | undefined {
  try {
    return fs.readFileSync(path.join(contentDir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * What entries are checked against: the sections, the authors, their stories and the stories
 * those name as related (a story is valid only with them), and the entry files themselves.
 */
function readEntryScope(contentDir: string, { stories, entries }: EntryScope): RawContent {
  const articlesDir = path.join(contentDir, 'articles');
  // A story is mostly at articles/<slug>.md; the folder (100,000 files) is listed only for one that is not.
  let listed: Map<string, string> | undefined;
  const fileOf = (slug: string): string | undefined => {
    if (/^[a-z0-9-]+$/.test(slug) && fs.existsSync(path.join(articlesDir, `${slug}.md`))) return `articles/${slug}.md`;
    listed ??= new Map(
      (fs.existsSync(articlesDir) ? listFolder(articlesDir) : [])
        .filter((name) => name.endsWith('.md'))
        .map((name) => `articles/${name}`)
        .map((file) => [slugOfFile(file), file]),
    );
    return listed.get(slug);
  };
  const read = (files: (string | undefined)[]) => files.flatMap((file) => (file === undefined ? [] : [{ file, text: readIfThere(contentDir, file) }])).filter((d): d is RawDocument => d.text !== undefined);
  const blogs = read(stories.map(fileOf));
  const related = blogs.flatMap(({ file, text }) => {
    let picks: unknown;
    try {
      picks = parseArticleFile(file, text).data.related;
    } catch {
      return []; // A story whose front matter does not parse is refused by the check itself.
    }
    return Array.isArray(picks) ? picks.filter((slug): slug is string => typeof slug === 'string' && !stories.includes(slug)) : [];
  });
  const authorsDir = path.join(contentDir, 'authors');
  const authorFiles = fs.existsSync(authorsDir) ? fs.readdirSync(authorsDir).filter((name) => name.endsWith('.md')).sort().map((name) => `authors/${name}`) : [];
  return {
    sections: readIfThere(contentDir, 'sections.yml'),
    authors: read(authorFiles),
    articles: [...blogs, ...read([...new Set(related)].map(fileOf))],
    entries: read(entries),
  };
}
