import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { documentSecurityPolicy } from '../lib/http/content-security-policy';

/** The Content-Security-Policy of a captured HTML document (its bytes, UTF-8). */
export type PolicyOf = (body: Buffer) => string | Promise<string>;

/** On the calling thread: what tests and `next dev`-less tools use. */
export const policyInThread: PolicyOf = (body) => documentSecurityPolicy(body.toString('utf8'));

type Reply = { id: number; policy?: string; error?: string };

/**
 * Policies worked out on a worker thread. Hashing a document's inline sources means parsing the
 * whole page with parse5, about a sixth of the serving thread's time for a page rendered on a
 * miss (docs/benchmarks/serving.md, "Uncached renders"); the worker does it on the other core
 * while the serving thread renders the next page. Same function, same policy. If the worker
 * cannot start or dies, the policies still owed and all later ones are worked out in the thread.
 */
export class PolicyWorker {
  private worker?: Worker;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, { body: Buffer; resolve: (policy: string) => void }>();

  constructor(private readonly start: () => Worker = startPolicyWorker) {}

  readonly policyOf: PolicyOf = (body) => {
    const worker = this.running();
    if (!worker) return policyInThread(body);
    const id = this.nextId++;
    return new Promise<string>((resolve) => {
      this.pending.set(id, { body, resolve });
      if (this.pending.size === 1) worker.ref();
      // A copy: the captured body is still compressed and stored on this thread.
      worker.postMessage({ id, body: new Uint8Array(body) });
    });
  };

  close(): void {
    this.failed = true;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private running(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = this.start();
      worker.on('message', ({ id, policy, error }: Reply) => {
        const waiting = this.pending.get(id);
        if (!waiting) return;
        this.settle(id);
        waiting.resolve(policy ?? (console.error(`policy worker: ${error}`), policyInThread(waiting.body) as string));
      });
      const fail = (reason: unknown) => {
        if (this.worker !== worker) return;
        console.error('policy worker stopped; policies are worked out on the serving thread:', reason);
        this.failed = true;
        this.worker = undefined;
        for (const [id, waiting] of this.pending) {
          this.settle(id);
          waiting.resolve(policyInThread(waiting.body) as string);
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(`exit ${code}`));
      // Idle, it keeps nothing alive; while a policy is owed, it does (ref in policyOf).
      worker.unref();
      this.worker = worker;
    } catch (error) {
      console.error('policy worker could not start; policies are worked out on the serving thread:', error);
      this.failed = true;
    }
    return this.worker;
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }
}

/** The compiled worker beside this file (the build), or its source through tsx (tests). */
function startPolicyWorker(): Worker {
  // It holds nothing between pages: a small young generation (V8's default grows to 32 MB)
  // collects each page's garbage without it resident.
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 4 } };
  const compiled = path.join(__dirname, 'policy-worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, options);
  const source = path.join(__dirname, 'policy-worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
}
