/**
 * Imports IPTC ninjs (2.x or 3.x) wire stories into the configured store (the content folder,
 * CONTENT_DIR): `npm run import:ninjs -- FILE_OR_DIR...`. A folder means every *.json in it.
 * Prints one line per document, `<outcome> <ninjs uri> <site path or -> <reason>`, and exits
 * 1 if any document was rejected (2 for a usage error). The running site picks the files up
 * within about a second: run it from cron over a drop folder, or after a feed download.
 * See docs/wire-import.md.
 */
import { createStore } from '../lib/store/article-store';
import { formatResult, importPaths } from '../lib/wire/import';
import { pictureLimitsFromEnv } from '../lib/wire/pictures';

const USAGE = 'usage: npm run import:ninjs -- FILE_OR_DIR... (every *.json in a folder; CONTENT_DIR selects the content folder)';

async function main(argv: string[]): Promise<number> {
  const paths = argv.filter((arg) => arg !== '--');
  if (!paths.length || paths.some((arg) => arg === '-h' || arg === '--help')) {
    console.error(USAGE);
    return paths.length ? 0 : 2;
  }
  const unknown = paths.find((arg) => arg.startsWith('-'));
  if (unknown) {
    console.error(`unknown option ${unknown}\n${USAGE}`);
    return 2;
  }
  let store;
  try {
    store = createStore();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const results = await importPaths(paths, { store, limits: pictureLimitsFromEnv() }).finally(() => store.close?.());
  for (const result of results) console.log(formatResult(result));
  return results.some((result) => result.outcome === 'rejected') ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
