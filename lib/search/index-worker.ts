/**
 * The embedded search index's worker thread (one per process, started by SqliteSearchEngine
 * through lib/search/index-worker-client.ts): it reads each story's body from the content folder,
 * analyses it and writes the index file through a connection of its own, so that none of that
 * runs on the thread serving HTTP. The serving thread says what changed (IndexDocument: no body)
 * and keeps searching through its own read connection, which sees each committed transaction
 * (WAL). Messages are handled one at a time, in order.
 *
 * Compiled into the build folder by `npm run build:server` (server/tsconfig.json), so that the
 * production server can start it as plain JavaScript; tsx and Jest run this file through tsx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { bodyOfText } from '../content/bodies';
import type { IndexWorkerData, IndexWorkerReply, IndexWorkerRequest, WorkerResults } from './index-worker-protocol';
import { openSearchIndex, replaceSearchIndex } from './sqlite-index';
import { SearchIndexWriter } from './sqlite-writer';

/** The vocabulary in the serving thread follows counts of at most this many words; past that it reads the file again. */
const VOCABULARY_FOLLOWS = 10_000;
/** Word counts wait in memory across batches until a sync ends, or until this many words wait. */
const WORDS_WAITING = 100_000;

const { file, contentDir } = workerData as IndexWorkerData;

// A first build yields the cores to readers: on Linux a nice value is the calling thread's own, so
// only this thread is lowered (as the related-stories worker is). Below normal, not the lowest:
// a publish's few stories must still be written within a second on a busy server.
if (process.platform === 'linux') {
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not allowed here: the normal priority.
  }
}
const port = parentPort!;

/** The body as the content layer reads it (lib/content/source.ts): the folder is the source of truth, the index its cache. */
function bodyOf(sourceFile: string): string {
  try {
    return bodyOfText(fs.readFileSync(path.join(contentDir, sourceFile), 'utf8'));
  } catch {
    // Gone since the serving thread looked: the next sync removes the story.
    return '';
  }
}

const counted = (words: [string, number][]) => (words.length <= VOCABULARY_FOLLOWS ? words : 'many');

async function handle(writer: SearchIndexWriter, request: IndexWorkerRequest): Promise<WorkerResults[IndexWorkerRequest['type']]> {
  switch (request.type) {
    case 'revisions': {
      const revisions = writer.readRevisions();
      return { slugs: [...revisions.keys()], revisions: [...revisions.values()] };
    }
    case 'batch': {
      writer.write(() => {
        writer.remove(request.remove);
        for (const document of request.documents) writer.store(document, () => bodyOf(document.sourceFile));
      });
      const words = writer.wordsWaiting >= WORDS_WAITING ? counted(await writer.countWords()) : undefined;
      return { counted: words };
    }
    case 'finish': {
      const words = counted(await writer.countWords());
      return { counted: words, othersWrote: writer.takeOthersWrote() };
    }
    case 'check':
      return { othersWrote: writer.takeOthersWrote() };
    case 'replace':
      writer.reset(replaceSearchIndex(writer.database));
      return {};
  }
}

function start(): void {
  let writer: SearchIndexWriter;
  try {
    writer = new SearchIndexWriter(openSearchIndex(file));
    writer.takeOthersWrote();
  } catch (error) {
    port.postMessage({ type: 'failed', error: { message: (error as Error).message, code: (error as { code?: string }).code } } satisfies IndexWorkerReply);
    return;
  }
  // One request at a time, in the order sent.
  let queue = Promise.resolve();
  port.on('message', (request: IndexWorkerRequest) => {
    queue = queue.then(async () => {
      let reply: IndexWorkerReply;
      try {
        reply = { type: 'done', id: request.id, result: await handle(writer, request) };
      } catch (error) {
        reply = { type: 'error', id: request.id, error: { message: (error as Error).message, code: (error as { code?: string }).code } };
      }
      port.postMessage(reply);
    });
  });
  port.postMessage({ type: 'ready' } satisfies IndexWorkerReply);
}

start();
