/**
 * The worker thread that scans the content and photos folders' stamps for the poll behind file
 * watching (lib/content/scan-off-thread.ts starts one per scan): 100,000 stories are 1.5 s of
 * stat calls, which on the serving thread stalled every request in flight. Given what the
 * previous scan found, it sends only the stamps that changed since. It holds nothing between
 * scans: its heap (80 MB at 100,000 files) goes with it.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { changedSince, encodeStamps, type FolderScan, scan, type ScanRequest, stampedFiles, type Stamps } from './stamps';

const { contentDir, photosDir, previous } = workerData as ScanRequest;
const keep = stampedFiles({ contentDir, photosDir });

// Background work yields the cores to readers (on Linux only this thread is lowered).
if (process.platform === 'linux') os.setPriority(os.constants.priority.PRIORITY_LOW);

const byFile = (stamps: Stamps) => [...stamps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const content = byFile(scan(contentDir, keep.content));
const photos = byFile(scan(photosDir, keep.photos));
const reply: FolderScan = {
  found: { content: encodeStamps(content), photos: encodeStamps(photos) },
  ...(previous && { changed: { content: encodeStamps(changedSince(previous.content, content)), photos: encodeStamps(changedSince(previous.photos, photos)) } }),
};
parentPort!.postMessage(reply);
