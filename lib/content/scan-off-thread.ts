import type { Worker } from 'node:worker_threads';
import { startWorkerScript } from '../worker-script';
import type { FolderScan, ScanFoldersOffThread } from './stamps';

/**
 * The content folder's full scans in a worker thread (lib/content/scan-worker.ts), for the
 * production server. One scan at a time (LiveContent checks one after another); a worker that
 * fails is started again by the next scan, whose first answer is then complete.
 */
export const scanFoldersOffThread: ScanFoldersOffThread = (dirs) => {
  let worker: Worker | undefined;
  const stop = () => {
    void worker?.terminate();
    worker = undefined;
  };
  return {
    scan() {
      worker ??= startWorkerScript(__dirname, 'scan-worker', { workerData: { contentDir: dirs.contentDir, photosDir: dirs.photosDir }, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
      // The poll's timer does not keep a server alive, nor should its worker.
      worker.unref();
      const running = worker;
      return new Promise<FolderScan>((resolve, reject) => {
        const failed = (error: Error) => {
          done();
          stop();
          reject(new Error(`the folder scan's worker failed: ${error.message}`));
        };
        const exited = (code: number) => failed(new Error(`it stopped (exit code ${code})`));
        const answered = (reply: FolderScan) => {
          done();
          resolve(reply);
        };
        const done = () => {
          running.off('message', answered).off('error', failed).off('exit', exited);
        };
        running.on('message', answered).on('error', failed).on('exit', exited);
        running.postMessage('scan');
      });
    },
    close: stop,
  };
};
