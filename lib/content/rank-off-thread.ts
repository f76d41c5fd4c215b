import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { heavyWorkSlot } from '../heavy-work';
import { startWorkerScript } from '../worker-script';
import { LEDE_CHARACTERS } from './related';
import { inBatches, INPUT_CHUNK, type LedeSource, type RankingInput, type RankingMessage, type RankingReply, rankingInput, type EncodedPicks, type RankOffThread } from './related-ranking';

/**
 * Related stories ranked in a worker thread (decision 33). Only the production server and tests
 * use this module, never a route (lib/worker-script.ts). Without it (`next dev`),
 * RelatedStories ranks in steps on its thread.
 */
function startWorker(bodyFolder: string | undefined): Worker {
  // Ranking reads and splits every lede twice, almost all of it garbage at once: a small young
  // generation collects it before it is promoted (100,000 stories: 64 MB less at the peak, at
  // the same speed).
  const options = { workerData: { bodyFolder }, resourceLimits: { maxYoungGenerationSizeMb: 4 } };
  return startWorkerScript(__dirname, 'related-worker', options);
}

/** `ledes`: where the ledes of bodies read on demand are (the content folder's files, or the store). */
export const rankRelatedOffThread: RankOffThread = async (articles, ledes) => {
  const free = await heavyWorkSlot();
  const worker = startWorker(ledes.folder);
  try {
    const picks = new Map<string, EncodedPicks>();
    const ranked = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: RankingReply) => {
        if (reply.type === 'ranked') resolve();
        else for (const [slug, chosen] of reply.picks) picks.set(slug, chosen);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the related-stories worker stopped (exit code ${code})`)));
    });
    for await (const batch of inBatches(articles, INPUT_CHUNK)) {
      const stories = batch.map(rankingInput);
      if (ledes.read) await withLedes(stories, ledes.read);
      worker.postMessage({ type: 'stories', stories } satisfies RankingMessage);
      await nextTurn();
    }
    worker.postMessage({ type: 'rank' } satisfies RankingMessage);
    await ranked;
    return picks;
  } finally {
    void worker.terminate();
    free();
  }
};

/** The ledes of stories without one, read from the store and sent inline (the worker keeps them on disk, not in memory). */
async function withLedes(stories: RankingInput[], read: NonNullable<LedeSource['read']>): Promise<void> {
  const unread = stories.filter((story) => story.file !== undefined);
  if (!unread.length) return;
  const ledes = await read(unread.map((story) => story.file!));
  for (const story of unread) {
    story.lede = (ledes.get(story.file!) ?? '').slice(0, LEDE_CHARACTERS);
    delete story.file;
  }
}
