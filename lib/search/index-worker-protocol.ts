import type { IndexDocument } from './sqlite-writer';

/** What the serving thread and the index's worker thread say to each other (lib/search/index-worker.ts). */

export interface IndexWorkerData {
  /** The index file (never ':memory:': a database in memory cannot be shared between threads). */
  file: string;
  /** The content folder: bodies are read from `<contentDir>/<sourceFile>`. */
  contentDir: string;
}

export type IndexWorkerRequest = { id: number } & (
  | { type: 'revisions' }
  /** Removes these stories, then writes these (those the file does not hold at their revision), in one transaction. */
  | { type: 'batch'; remove: string[]; documents: IndexDocument[] }
  /** The end of a sync: count the waiting words, and say whether another process wrote meanwhile. */
  | { type: 'finish' }
  /** Did another process write the file since the worker last looked? */
  | { type: 'check' }
  /** The file is damaged: delete it and start an empty one. */
  | { type: 'replace' }
);

/** Words counted into the file, for the vocabulary in memory to follow; 'many': read it again. */
export type CountedWords = [string, number][] | 'many' | undefined;

export interface WorkerResults {
  revisions: { slugs: string[]; revisions: string[] };
  batch: { counted: CountedWords };
  finish: { counted: CountedWords; othersWrote: boolean };
  check: { othersWrote: boolean };
  replace: Record<string, never>;
}

export interface WorkerError {
  message: string;
  code?: string;
}

export type IndexWorkerReply =
  | { type: 'ready' }
  | { type: 'failed'; error: WorkerError }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'error'; id: number; error: WorkerError };
