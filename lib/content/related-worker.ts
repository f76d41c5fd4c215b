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
import { defaultRelatedOptions, rankRelatedStories } from './related';
import type { Article, Tag } from './types';
import { picksAmong, type RankingInput, RankingInputs, type RankingMessage, type EncodedPicks, type RankingReply, RESULT_CHUNK } from './related-ranking';

const { bodyFolder } = workerData as { bodyFolder?: string };

// Background work yields the cores to readers: on Linux a nice value is the calling thread's
// own, so only this thread is lowered (elsewhere it would be the whole server's).
if (process.platform === 'linux') os.setPriority(os.constants.priority.PRIORITY_LOW);
const received: Article[] = [];
/**
 * One object per topic and one string per section: each story arrives with copies of its own
 * (300,000 tags and 100,000 section names at 100,000 stories), and most with an empty list of
 * curated picks.
 */
const topics = new Map<string, Tag>();
const sections = new Map<string, string>();
const NO_PICKS: string[] = [];
function shared(input: RankingInput): RankingInput {
  input.tags = input.tags.map((tag) => topics.get(tag.slug) ?? (topics.set(tag.slug, tag), tag));
  input.section = sections.get(input.section) ?? (sections.set(input.section, input.section), input.section);
  if (!input.related.length) input.related = NO_PICKS;
  return input;
}

/**
 * Ledes sent inline (a store without files, PostgreSQL) go to a scratch file, unlinked at once,
 * and are read back when ranking asks, as the folder's are from their files: 250,000 ledes held
 * would be 250 MB. Each is then named by a key that no content file has.
 */
const SPILLED = '\0';
let spill: { fd: number; size: number } | undefined;
function spilled(lede: string): string {
  if (!spill) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-ledes-'));
    const file = path.join(dir, 'ledes');
    spill = { fd: fs.openSync(file, 'w+'), size: 0 };
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bytes = Buffer.from(lede);
  fs.writeSync(spill.fd, bytes, 0, bytes.length, spill.size);
  spill.size += bytes.length;
  return `${SPILLED}${spill.size - bytes.length} ${bytes.length}`;
}

function ledeOf(file: string): string {
  if (file.startsWith(SPILLED)) {
    const [at, length] = file.slice(SPILLED.length).split(' ').map(Number);
    const bytes = Buffer.alloc(length);
    fs.readSync(spill!.fd, bytes, 0, length, at);
    return bytes.toString();
  }
  try {
    return bodyOfText(fs.readFileSync(path.join(bodyFolder ?? '.', file), 'utf8'));
  } catch {
    return ''; // a file gone since: its story ranks on headline and standfirst until the next ranking
  }
}

const inputs = new RankingInputs(ledeOf);

parentPort!.on('message', (message: RankingMessage) => {
  if (message.type === 'stories') {
    for (const input of message.stories) {
      if (input.lede !== undefined) {
        input.file = spilled(input.lede);
        delete input.lede;
      }
      received.push(inputs.story(shared(input)));
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
    defaultRelatedOptions,
    inputs.counter,
  );
  parentPort!.postMessage({ type: 'picks', picks } satisfies RankingReply);
  // Closed before the last message: file descriptors are the process's, and outlive a terminated worker.
  if (spill) fs.closeSync(spill.fd);
  parentPort!.postMessage({ type: 'ranked' } satisfies RankingReply);
});
