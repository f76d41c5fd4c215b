import fs from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the module `name` beside `dirname`. Only the production server, tests
 * and scripts start workers, never a route: Next's bundler would try to bundle the script
 * (decision 33). The script is compiled beside its module for the production server
 * (server/tsconfig.json) and run from source under tsx and Jest.
 */
export function startWorkerScript(dirname: string, name: string, options: WorkerOptions): Worker {
  const compiled = path.join(dirname, `${name}.js`);
  if (fs.existsSync(compiled)) return new Worker(compiled, options);
  const source = path.join(dirname, `${name}.ts`);
  if (!fs.existsSync(source)) throw new Error(`no worker script ${name} beside ${dirname}`);
  // tsx's CommonJS hook (Node 20's workers do not honour `--import tsx` in execArgv).
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
}
