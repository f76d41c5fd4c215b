import type { Worker } from 'node:worker_threads';
import { startWorkerScript } from '../worker-script';
import type { EncodedStamps, FolderScan, ScanFoldersOffThread, ScanRequest } from './stamps';

/** Every tenth scan compares every stamp: a file named but not read then (a check that failed) is named again. */
const COMPLETE_EVERY = 10;

/**
 * The content folder's full scans, each in a worker thread of its own (lib/content/scan-worker.ts),
 * for the production server: the serving thread keeps only what the last scan found, encoded
 * (5 MB at 100,000 files). One scan at a time (the poll waits for each).
 */
export const scanFoldersOffThread: ScanFoldersOffThread = (dirs) => {
  let previous: EncodedStamps | undefined;
  let scans = 0;
  let running: Worker | undefined;
  return {
    scan() {
      const request: ScanRequest = { contentDir: dirs.contentDir, photosDir: dirs.photosDir, ...(previous && scans % COMPLETE_EVERY !== 0 && { previous }) };
      scans++;
      const worker = (running = startWorkerScript(__dirname, 'scan-worker', { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 4 } }));
      // The poll's timer does not keep a server alive, nor should its worker.
      worker.unref();
      return new Promise<FolderScan>((resolve, reject) => {
        let reply: FolderScan | undefined;
        worker.once('message', (answer: FolderScan) => (reply = answer));
        worker.once('error', (error) => reject(new Error(`the folder scan's worker failed: ${error.message}`)));
        worker.once('exit', (code) => {
          if (running === worker) running = undefined;
          if (!reply) return reject(new Error(`the folder scan's worker stopped (exit code ${code})`));
          previous = reply.found;
          resolve(reply);
        });
      });
    },
    close: () => void running?.terminate(),
  };
};
