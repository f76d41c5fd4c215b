/**
 * Validates a content folder without serving it, as the live site would before swapping to it:
 *
 *   npm run content:check                 (the CONTENT_DIR / PHOTOS_DIR the site reads)
 *   npm run content:check -- path/to/content
 *
 * Prints every problem as `file: field: problem` and exits 1 if there is any; otherwise a
 * summary of what readers would see now.
 */
import path from 'node:path';
import { formatProblem } from '../lib/content/errors';
import { loadContentVersion } from '../lib/content/catalogue';
import { contentLocations } from '../lib/content/locations';
import { createRepository } from '../lib/content/repository';

const folder = process.argv[2];
const dirs = contentLocations(folder ? { ...process.env, CONTENT_DIR: path.resolve(folder) } : process.env);
const { content, problems } = loadContentVersion(dirs);
if (problems.length) {
  console.error(`${dirs.contentDir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; the live site would keep its current version:`);
  for (const problem of problems) console.error(formatProblem(problem));
  process.exit(1);
}
const now = Date.now();
const view = createRepository(content, now);
const count = (status: string) => content.articles.filter((a) => a.status === status).length;
const embargoed = content.articles.filter((a) => a.status === 'published' && a.publishedTime > now).length;
console.log(
  `${dirs.contentDir}: valid. ${view.articles.length} public, ${embargoed} embargoed, ${count('draft')} draft, ${count('withdrawn')} withdrawn; ` +
    `${content.sections.length} sections, ${content.authors.length} authors (version ${view.version}).`,
);
