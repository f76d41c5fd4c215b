import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { INDEX_WORKER, type StartIndexWorker } from './index-worker-client';

/**
 * Starts the embedded search index's worker thread (lib/search/index-worker.ts). Only the
 * production server, tests and scripts import this module, never a route: Next's bundler would
 * try to bundle a worker started from route code (decision 33). The server offers it to the
 * routes' search engine through globalThis (offerIndexWorker); under `next dev` nothing offers
 * it and the index is written on the serving thread, with a warning.
 *
 * The worker's script is compiled beside this module for the production server
 * (server/tsconfig.json) and run from source under tsx and Jest.
 */
export const startIndexWorker: StartIndexWorker = (data) => {
  // Each body it indexes is read, analysed and dropped: a small young generation (V8's default
  // grows to 32 MB) collects them without it resident.
  const options = { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 4 } };
  const compiled = path.join(__dirname, 'index-worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, options);
  const source = path.join(__dirname, 'index-worker.ts');
  if (!fs.existsSync(source)) throw new Error(`no worker script beside ${__filename}`);
  // tsx's CommonJS hook (Node 20's workers do not honour `--import tsx` in execArgv).
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
};

/** Lets the search engine of this process's routes start the worker (the production server calls this before Next loads them). */
export function offerIndexWorker(): void {
  (globalThis as { [INDEX_WORKER]?: StartIndexWorker })[INDEX_WORKER] = startIndexWorker;
}
