/**
 * The worker thread that scans the content and photos folders' stamps for the poll behind file
 * watching (lib/content/scan-off-thread.ts starts it): 100,000 stories are 1.5-1.8 s of stat
 * calls, which on the serving thread stalled every request in flight. It keeps its previous
 * scan, so after the first it sends only the stamps that changed, but every tenth scan whole:
 * a file it named that the serving thread then failed to read is named again.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ContentDirs } from './locations';
import { encodeStamps, type FolderScan, scan, stampedFiles, type Stamps } from './stamps';

const dirs = workerData as Pick<ContentDirs, 'contentDir' | 'photosDir'>;
const keep = stampedFiles(dirs);

// Background work yields the cores to readers (on Linux only this thread is lowered).
if (process.platform === 'linux') os.setPriority(os.constants.priority.PRIORITY_LOW);

let previous: { content: Stamps; photos: Stamps } | undefined;
let scans = 0;
const COMPLETE_EVERY = 10;

/** The stamps of `now` that differ from `before`, with none for files gone. */
function* changedSince(before: Stamps, now: Stamps): Generator<[string, string | undefined]> {
  for (const [file, stamp] of now) if (before.get(file) !== stamp) yield [file, stamp];
  for (const file of before.keys()) if (!now.has(file)) yield [file, undefined];
}

parentPort!.on('message', () => {
  const now = { content: scan(dirs.contentDir, keep.content), photos: scan(dirs.photosDir, keep.photos) };
  const complete = scans++ % COMPLETE_EVERY === 0 || !previous;
  const reply: FolderScan = complete
    ? { complete, content: encodeStamps(now.content), photos: encodeStamps(now.photos) }
    : { complete, content: encodeStamps(changedSince(previous!.content, now.content)), photos: encodeStamps(changedSince(previous!.photos, now.photos)) };
  previous = now;
  parentPort!.postMessage(reply);
});
