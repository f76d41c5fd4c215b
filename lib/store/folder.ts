import fs from 'node:fs';
import path from 'node:path';
import { validateContent } from '../content/catalogue';
import { readContentFolder, type RawContent, type RawDocument } from '../content/load';
import type { ContentDirs } from '../content/locations';
import { problemsOf, PublishRefused, type StoreWrite } from './postgres';

/**
 * A publish into the content folder: validate the resulting version (refused for a problem of a
 * document it writes, never for another's), then write every
 * changed file under a temporary name first and rename them all into place, so a failure
 * before the renames leaves the folder as it was and each file is replaced atomically.
 */
export function writeFolderVersion(dirs: ContentDirs, change: (current: RawContent) => StoreWrite): { written: string[] } {
  const { raw, written } = change(readContentFolder(dirs.contentDir));
  const problems = problemsOf(validateContent(raw, dirs.photosDir).problems, written);
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
