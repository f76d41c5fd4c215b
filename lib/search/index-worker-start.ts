import { startWorkerScript } from '../worker-script';
import { INDEX_WORKER, type StartIndexWorker } from './index-worker-client';

/**
 * Starts the embedded search index's worker thread (lib/search/index-worker.ts). Only the
 * production server, tests and scripts import this module, never a route (lib/worker-script.ts).
 * The server offers it to the routes' search engine through globalThis (offerIndexWorker); under
 * `next dev` nothing offers it and the index is written on the serving thread, with a warning.
 */
export const startIndexWorker: StartIndexWorker = (data) => {
  // Each body it indexes is read, analysed and dropped: a small young generation (V8's default
  // grows to 32 MB) collects them without it resident.
  const options = { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 4 } };
  return startWorkerScript(__dirname, 'index-worker', options);
};

/** Lets the search engine of this process's routes start the worker (the production server calls this before Next loads them). */
export function offerIndexWorker(): void {
  (globalThis as { [INDEX_WORKER]?: StartIndexWorker })[INDEX_WORKER] = startIndexWorker;
}
