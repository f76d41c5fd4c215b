import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { heldBody } from './bodies';
import { buildRelatedIndexInSteps, LEDE_CHARACTERS, type RelatedStory } from './related';
import type { Article } from './types';

/** A story ranked for another's box: the shared topics (tag slugs, most distinctive first) when tags related them. */
export interface RelatedPick {
  slug: string;
  topics?: string[];
}

/** What ranking needs of a story: its lede inline when the body is in memory, else the file to read it from. */
export type RankingInput = Pick<Article, 'slug' | 'headline' | 'standfirst' | 'section' | 'publishedTime' | 'tags' | 'related'> & {
  lede?: string;
  file?: string;
};

export type RankingMessage = { type: 'stories'; stories: RankingInput[] } | { type: 'rank' };
export type RankingReply = { type: 'picks'; picks: [slug: string, picks: RelatedPick[]][] } | { type: 'ranked' };

/** Stories per message each way: each costs the serving thread a few milliseconds to copy. */
const INPUT_CHUNK = 2_000;
export const RESULT_CHUNK = 2_000;

/** The ranked picks of an index (curated picks and section or latest fillers are the live story's own). */
export function picksOf(index: Map<string, RelatedStory[]>): Map<string, RelatedPick[]> {
  const picks = new Map<string, RelatedPick[]>();
  for (const [slug, stories] of index) {
    picks.set(
      slug,
      stories.flatMap(({ article, reason }) =>
        reason.kind === 'topics' ? [{ slug: article.slug, topics: reason.topics.map((tag) => tag.slug) }] : reason.kind === 'similar' ? [{ slug: article.slug }] : [],
      ),
    );
  }
  return picks;
}

function rankingInput(article: Article): RankingInput {
  const { slug, headline, standfirst, section, publishedTime, tags, related } = article;
  const body = heldBody(article);
  return { slug, headline, standfirst, section, publishedTime, tags, related, ...(body === undefined ? { file: article.sourceFile } : { lede: body.slice(0, LEDE_CHARACTERS) }) };
}

/** The story as ranking reads it: what it needs, its lede as the body. */
export function storyToRank({ lede: _lede, file: _file, ...fields }: RankingInput, lede: string): Article {
  return { ...fields, body: lede } as Article;
}

/**
 * The worker's script: compiled beside this module for the production server (server/tsconfig.json),
 * the TypeScript source under tsx and Jest; absent where Next bundled this module (`next dev`).
 */
function startWorker(bodyFolder: string | undefined): Worker | undefined {
  const compiled = path.join(__dirname, 'related-worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, { workerData: { bodyFolder } });
  const source = path.join(__dirname, 'related-worker.ts');
  if (!fs.existsSync(source)) return undefined;
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: { bodyFolder } });
}

/**
 * Ranks `articles` in a worker thread; `bodyFolder` is where the files of bodies read on demand
 * are. Without a worker (none can start here), in steps between requests on this thread.
 */
export async function rankRelated(articles: readonly Article[], bodyFolder?: string): Promise<Map<string, RelatedPick[]>> {
  const worker = startWorker(bodyFolder);
  if (!worker) return picksOf(await buildRelatedIndexInSteps(articles));
  try {
    const picks = new Map<string, RelatedPick[]>();
    const ranked = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: RankingReply) => {
        if (reply.type === 'ranked') resolve();
        else for (const [slug, chosen] of reply.picks) picks.set(slug, chosen);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the related-stories worker stopped (exit code ${code})`)));
    });
    for (let at = 0; at < articles.length; at += INPUT_CHUNK) {
      worker.postMessage({ type: 'stories', stories: articles.slice(at, at + INPUT_CHUNK).map(rankingInput) } satisfies RankingMessage);
      await nextTurn();
    }
    worker.postMessage({ type: 'rank' } satisfies RankingMessage);
    await ranked;
    return picks;
  } finally {
    void worker.terminate();
  }
}
