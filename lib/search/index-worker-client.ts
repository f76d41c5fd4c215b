import type { Worker } from 'node:worker_threads';
import type { IndexWorkerData, IndexWorkerReply, IndexWorkerRequest, WorkerError, WorkerResults } from './index-worker-protocol';

/**
 * The serving thread's side of the index's worker thread (lib/search/index-worker.ts): sends
 * requests and matches the replies. The worker holds the process open only while a request
 * waits for its reply. Nothing here starts a thread (lib/search/index-worker-start.ts does), so
 * route code may import it.
 */

/** Starts the worker thread for an index file and content folder (lib/search/index-worker-start.ts). */
export type StartIndexWorker = (data: IndexWorkerData) => Worker;

/** Where the production server offers StartIndexWorker to the routes' search engine. */
export const INDEX_WORKER = Symbol.for('newsbite.start-search-index-worker');

/** The StartIndexWorker this process offers to routes, if any (the production server's). */
export function offeredIndexWorker(): StartIndexWorker | undefined {
  return (globalThis as { [INDEX_WORKER]?: StartIndexWorker })[INDEX_WORKER];
}

/** The worker stopped (it could not start, crashed or ran out of memory): indexing goes on in the serving thread. */
export class IndexWorkerFailed extends Error {}

type Outgoing = IndexWorkerRequest extends infer R ? (R extends { type: infer T } ? Omit<R, 'id'> & { type: T } : never) : never;

const toError = ({ message, code }: WorkerError) => Object.assign(new Error(message), code === undefined ? {} : { code });

export class IndexWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: IndexWorkerFailed | undefined;
  /** Settles once the worker has opened the file (or failed to start). */
  readonly ready: Promise<void>;
  private isReady = false;

  private constructor(start: StartIndexWorker, data: IndexWorkerData) {
    // Held open until it has started (then only while a request waits).
    this.worker = start(data);
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

  /** A worker for this index file and content folder, or why none could start. */
  static start(start: StartIndexWorker, data: IndexWorkerData): IndexWorker | { unavailable: string } {
    try {
      return new IndexWorker(start, data);
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
