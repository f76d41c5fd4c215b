/**
 * The worker thread that ranks related stories (lib/content/related-ranking.ts starts it): a
 * large archive takes many seconds of CPU to rank, and reading each story's lede from its file
 * costs as much again; here neither delays a reader. Stories arrive in chunks, then `rank`;
 * the picks go back in chunks as they are ranked, then `ranked`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { bodyOfText } from './bodies';
import { rankRelatedStories } from './related';
import type { Article, Tag } from './types';
import { picksAmong, type RankingInput, type RankingMessage, type EncodedPicks, type RankingReply, RESULT_CHUNK, storyToRank } from './related-ranking';

const { bodyFolder } = workerData as { bodyFolder?: string };

// Background work yields the cores to readers: on Linux a nice value is the calling thread's
// own, so only this thread is lowered (elsewhere it would be the whole server's).
if (process.platform === 'linux') os.setPriority(os.constants.priority.PRIORITY_LOW);
const received: Article[] = [];
/** One object per topic: each story's tags arrive as copies of their own (300,000 at 100,000 stories). */
const topics = new Map<string, Tag>();
const sharedTopic = (tag: Tag) => {
  const known = topics.get(tag.slug);
  if (known) return known;
  topics.set(tag.slug, tag);
  return tag;
};

function ledeOf(input: RankingInput): string {
  if (input.lede !== undefined) return input.lede;
  try {
    return bodyOfText(fs.readFileSync(path.join(bodyFolder ?? '.', input.file!), 'utf8'));
  } catch {
    return ''; // a file gone since: its story ranks on headline and standfirst until the next ranking
  }
}

parentPort!.on('message', (message: RankingMessage) => {
  if (message.type === 'stories') {
    for (const input of message.stories) {
      input.tags = input.tags.map(sharedTopic);
      received.push(storyToRank(input, ledeOf));
    }
    return;
  }
  let picks: [string, EncodedPicks][] = [];
  rankRelatedStories(
    received,
    (slug, stories) => {
      picks.push([slug, picksAmong(stories)]);
      if (picks.length < RESULT_CHUNK) return;
      parentPort!.postMessage({ type: 'picks', picks } satisfies RankingReply);
      picks = [];
    },
  );
  parentPort!.postMessage({ type: 'picks', picks } satisfies RankingReply);
  parentPort!.postMessage({ type: 'ranked' } satisfies RankingReply);
});
