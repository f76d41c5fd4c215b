import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IndexWorkerData, IndexWorkerReply, IndexWorkerRequest, WorkerError, WorkerResults } from './index-worker-protocol';

/**
 * The serving thread's side of the index's worker thread (lib/search/index-worker.ts): starts
 * it, sends requests and matches the replies. The worker holds the process open only while a
 * request waits for its reply.
 */

/** The worker stopped (it could not start, crashed or ran out of memory): indexing goes on in the serving thread. */
export class IndexWorkerFailed extends Error {}

type Outgoing = IndexWorkerRequest extends infer R ? (R extends { type: infer T } ? Omit<R, 'id'> & { type: T } : never) : never;

interface Entry {
  file: string;
  /** A TypeScript source: run through tsx. */
  typescript: boolean;
}

const exists = (file: string) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * Where the worker's code is. Run from the sources (tsx, Jest: this module is a .ts file), the
 * .ts beside it; in the production build (the Next server bundle, which holds no such file), the
 * JavaScript that `npm run build:server` compiled into `<build folder>/newsbite-server/`; under
 * `next dev`, the project's source. Undefined when none is there.
 */
export function indexWorkerEntry(env: NodeJS.ProcessEnv = process.env): Entry | undefined {
  const here = typeof __filename === 'string' ? __filename : '';
  if (here.endsWith('.ts')) {
    const beside = path.join(path.dirname(here), 'index-worker.ts');
    if (exists(beside)) return { file: beside, typescript: true };
  }
  const cwd = process.cwd();
  // Paths of the running project, not modules of the bundle: the comments keep Next from tracing them.
  const compiled = path.resolve(/*turbopackIgnore: true*/ cwd, env.NEXT_DIST_DIR ?? '.next', 'newsbite-server', 'lib', 'search', 'index-worker.js');
  const source = path.join(/*turbopackIgnore: true*/ cwd, 'lib', 'search', 'index-worker.ts');
  const candidates: Entry[] = [
    { file: compiled, typescript: false },
    { file: source, typescript: true },
  ];
  if (env.NODE_ENV !== 'production') candidates.reverse();
  return candidates.find((candidate) => exists(candidate.file));
}

function startWorker(entry: Entry, data: IndexWorkerData): Worker {
  if (!entry.typescript) return new Worker(entry.file, { workerData: data });
  // tsx's CommonJS hook, resolved from the project (a --import in the worker's execArgv is not
  // honoured by Node 20's workers).
  const tsx = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), 'package.json')).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry.file)});`, { eval: true, workerData: data });
}

const toError = ({ message, code }: WorkerError) => Object.assign(new Error(message), code === undefined ? {} : { code });

export class IndexWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: IndexWorkerFailed | undefined;
  /** Settles once the worker has opened the file (or failed to start). */
  readonly ready: Promise<void>;
  private isReady = false;

  private constructor(entry: Entry, data: IndexWorkerData) {
    // Held open until it has started (then only while a request waits).
    this.worker = startWorker(entry, data);
    let started: () => void;
    let notStarted: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ([started, notStarted] = [resolve, reject]));
    // Nobody may be waiting yet: a failure to start is also reported to the next request.
    this.ready.catch(() => undefined);
    this.worker.on('message', (reply: IndexWorkerReply) => {
      if (reply.type === 'ready') {
        this.isReady = true;
        this.settled();
        started();
      } else if (reply.type === 'failed') {
        this.fail(new IndexWorkerFailed(`the indexing worker could not open the index: ${reply.error.message}`));
        notStarted(this.failure!);
      } else {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        this.settled();
        if (reply.type === 'done') waiting.resolve(reply.result);
        else waiting.reject(toError(reply.error));
      }
    });
    this.worker.on('error', (error) => {
      this.fail(new IndexWorkerFailed(`the indexing worker stopped: ${error.message}`));
      notStarted(this.failure!);
    });
    this.worker.on('exit', (code) => {
      this.fail(new IndexWorkerFailed(`the indexing worker exited (code ${code})`));
      notStarted(this.failure!);
    });
  }

  /** A worker for this index file and content folder; undefined, with the reason, when its code is nowhere to be found. */
  static start(data: IndexWorkerData): IndexWorker | { unavailable: string } {
    const entry = indexWorkerEntry();
    if (!entry) return { unavailable: 'its code is not in the build folder nor in the project' };
    try {
      return new IndexWorker(entry, data);
    } catch (error) {
      return { unavailable: (error as Error).message };
    }
  }

  get failed(): IndexWorkerFailed | undefined {
    return this.failure;
  }

  private fail(error: IndexWorkerFailed): void {
    if (this.failure) return;
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker.unref();
  }

  /** Nothing waits for the worker: it does not keep the process alive. */
  private settled(): void {
    if (this.isReady && this.pending.size === 0) this.worker.unref();
  }

  request<T extends keyof WorkerResults>(message: Extract<Outgoing, { type: T }>): Promise<WorkerResults[T]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const reply = new Promise<WorkerResults[T]>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    this.worker.ref();
    this.worker.postMessage({ ...message, id });
    return reply;
  }

  terminate(): void {
    this.fail(new IndexWorkerFailed('the index was closed'));
    void this.worker.terminate();
  }
}
