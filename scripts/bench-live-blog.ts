/**
 * The live-blog part of `npm run bench:live` (not a test): readers polling one blog's
 * updates.json on one production instance while entries arrive as files.
 *
 * - READERS (1,000) each ask once every 10 s, as the Liveness island does (~100 requests/s),
 *   staggered evenly over the interval, each request on a connection of its own (an idle
 *   connection outlives no 10 s poll: the server closes it after 5 s), with a browser's
 *   Accept-Encoding and the ETag of its last answer (the island revalidates: 304 while nothing
 *   changed). Latency is from sending to the last byte; X-Cache tells a fast-path hit.
 * - An entry file arrives every 30 s (saved as editors' tools save: temporary file, rename);
 *   the time until the blog page and updates.json both show it, polled every 10 ms.
 */
import http from 'node:http';
import path from 'node:path';
import YAML from 'yaml';
import { saveAtomically } from '../__tests__/e2e/helpers/live-site';
import { request } from '../__tests__/helpers/http';
import { percentile } from './bench-lib';

export const READERS = 1_000;
const POLL_MS = 10_000;
const ENTRY_EVERY_MS = 30_000;
/** Entries on the blog when the run starts: a full page of them (the blog's page holds 20 to 39). */
const INITIAL_ENTRIES = 30;
/** How long after an entry is written a poll counts as sent while the server takes it in. */
const NEAR_ENTRY_MS = 2_000;
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
const SLUG = 'bench-live-blog';
export const BLOG_PATH = `/world/${SLUG}`;
const UPDATES_PATH = `${BLOG_PATH}/updates.json`;

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');

/** Writes the blog and its first entries into a content folder before the server starts. */
export function writeBenchBlog(contentDir: string): void {
  const story = {
    section: 'world',
    headline: 'Benchmark live blog: the storm as it happens',
    standfirst: 'Live coverage, one update at a time.',
    authors: ['mina-park'],
    published: iso(Date.now() - 6 * 3_600_000),
    tags: ['Benchmark'],
    hero: { src: '/photos/dandelion-seeds.jpg', alt: 'Dandelion seeds on a stem', caption: 'Seeds in the wind.', credit: 'Test Photographer/CC0' },
    live: true,
  };
  saveAtomically(path.join(contentDir, 'articles', `${SLUG}.md`), `---\n${YAML.stringify(story)}---\nFollow our live coverage.\n`);
  for (let i = 0; i < INITIAL_ENTRIES; i++) writeEntry(contentDir, `early-${i}`, Date.now() - (INITIAL_ENTRIES - i) * 600_000, i % 5 === 0);
}

function writeEntry(contentDir: string, id: string, postedMs: number, withPhoto = false): void {
  const fields = {
    posted: iso(postedMs),
    title: `Update ${id}`,
    ...(withPhoto ? { photo: { src: '/photos/dandelion-meadow.jpg', alt: 'A meadow of dandelions', caption: 'The meadow.', credit: 'Test Photographer/CC0' } } : {}),
  };
  const body = [1, 2, 3].map((n) => `Paragraph ${n} of ${id}: what the reporter saw, with **emphasis** and a [link](/world).`).join('\n\n');
  saveAtomically(path.join(contentDir, 'live', SLUG, `${id}.md`), `---\n${YAML.stringify(fields)}---\n${body}\n`);
}

interface Poll {
  /** When it was sent (performance.now()). */
  at: number;
  ms: number;
  status: number;
  hit: boolean;
}

/** One reader's poll: a new connection, the browser's headers, its last ETag. */
function poll(origin: string, etag: string | undefined): Promise<Poll & { etag?: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = { accept: '*/*', 'accept-encoding': BROWSER_ACCEPT_ENCODING, 'user-agent': 'bench-live-blog' };
    if (etag) headers['if-none-match'] = etag;
    http
      .get(`${origin}${UPDATES_PATH}`, { headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ at: started, ms: performance.now() - started, status: res.statusCode ?? 0, hit: res.headers['x-cache'] === 'HIT', etag: res.headers.etag ?? etag }),
        );
      })
      .on('error', () => resolve({ at: started, ms: performance.now() - started, status: 0, hit: false }));
  });
}

async function shows(url: string, text: string): Promise<boolean> {
  const reply = await request(url);
  return reply.status === 200 && reply.body.includes(text);
}

/** Milliseconds until `url` shows `text`, polled every 10 ms. */
async function until(url: string, text: string, started: number): Promise<number> {
  while (!(await shows(url, text))) {
    if (performance.now() - started > 30_000) throw new Error(`${url} does not show ${text} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

export interface LiveBlogResult {
  seconds: number;
  polls: Poll[];
  entries: number;
  /** When each entry was written (performance.now()). */
  writtenAt: number[];
  toPage: number[];
  toJson: number[];
}

/** Runs the readers for `seconds` while an entry arrives every 30 s. */
export async function benchLiveBlog(origin: string, contentDir: string, seconds: number): Promise<LiveBlogResult> {
  // A running site has served its blog before: the first renders (and the route's first load) are not the readers'.
  for (const target of [BLOG_PATH, UPDATES_PATH]) if ((await request(`${origin}${target}`)).status !== 200) throw new Error(`${target} is not there`);
  const polls: Poll[] = [];
  const toPage: number[] = [];
  const toJson: number[] = [];
  const writtenAt: number[] = [];
  const end = performance.now() + seconds * 1000;
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const reader = (index: number) => {
    let etag: string | undefined;
    const ask = () => {
      if (performance.now() >= end) return;
      const pending = poll(origin, etag).then((result) => {
        etag = result.etag;
        polls.push({ at: result.at, ms: result.ms, status: result.status, hit: result.hit });
        inFlight.delete(pending);
      });
      inFlight.add(pending);
    };
    timers.push(
      setTimeout(() => {
        ask();
        timers.push(setInterval(ask, POLL_MS));
      }, (index * POLL_MS) / READERS),
    );
  };
  for (let i = 0; i < READERS; i++) reader(i);
  let entries = 0;
  try {
    while (performance.now() + ENTRY_EVERY_MS <= end) {
      await new Promise((resolve) => setTimeout(resolve, ENTRY_EVERY_MS));
      const id = `arrived-${++entries}`;
      const started = performance.now();
      writtenAt.push(started);
      writeEntry(contentDir, id, Date.now());
      const [page, json] = await Promise.all([until(`${origin}${BLOG_PATH}`, `data-entry="${id}"`, started), until(`${origin}${UPDATES_PATH}`, `"id":"${id}"`, started)]);
      toPage.push(page);
      toJson.push(json);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - performance.now())));
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(inFlight);
  }
  return { seconds, polls, entries, writtenAt, toPage, toJson };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** The figures as Markdown, with the targets beside them. */
export function liveBlogReport({ seconds, polls, entries, writtenAt, toPage, toJson }: LiveBlogResult): string {
  const latencies = polls.filter((p) => p.status).map((p) => p.ms);
  // Polls sent while the server takes in an entry (reload, renders of the page and the JSON) or not.
  const nearEntry = (poll: Poll) => writtenAt.some((at) => poll.at >= at && poll.at < at + NEAR_ENTRY_MS);
  const quiet = polls.filter((p) => p.status && !nearEntry(p)).map((p) => p.ms);
  const busy = polls.filter((p) => p.status && nearEntry(p)).map((p) => p.ms);
  const hits = polls.filter((p) => p.hit).length;
  const misses = polls.length - hits;
  const errors = polls.filter((p) => p.status !== 200 && p.status !== 304).length;
  const notModified = polls.filter((p) => p.status === 304).length;
  const p99 = percentile(latencies, 99);
  return [
    '## Live blog: readers polling updates.json',
    '',
    `${READERS.toLocaleString('en')} readers, each polling ${UPDATES_PATH} once every ${POLL_MS / 1000} s (about ${READERS / (POLL_MS / 1000)} requests/s), staggered`,
    `evenly, for ${seconds} s on one production instance (\`npm start\`), while an entry file arrived every ${ENTRY_EVERY_MS / 1000} s (${entries} in the run;`,
    `the blog started with ${INITIAL_ENTRIES} entries, a sixth of them with a photo). Each poll opens its own connection (the server closes idle`,
    `ones after 5 s, before the next poll), sends \`Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}\` and the ETag of its last answer as the`,
    'island does (it revalidates, so an unchanged document is a 304). Latency: request sent to last byte, over loopback, the load',
    'generated by the benchmark process on the same 2 cores. A hit is an answer with `X-Cache: HIT` (the fast path, from memory).',
    '',
    '| polls | 200 / 304 | errors | p50 | p95 | p99 | max | from the cache |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${polls.length.toLocaleString('en')} | ${(polls.length - notModified - errors).toLocaleString('en')} / ${notModified.toLocaleString('en')} | ${errors} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 95))} | ${ms(p99)} | ${ms(Math.max(...latencies))} | ${((100 * hits) / polls.length).toFixed(2)} % (${misses} misses) |`,
    '',
    `Polls sent within ${NEAR_ENTRY_MS / 1000} s after an entry was written: ${busy.length}, p50 ${ms(percentile(busy, 50))}, p99 ${ms(percentile(busy, 99))}; ` +
      `the others: ${quiet.length}, p50 ${ms(percentile(quiet, 50))}, p99 ${ms(percentile(quiet, 99))}.`,
    '',
    `Target p99 <= 20 ms: ${p99 <= 20 ? 'met' : 'missed'}. Target every poll from the cache but the first after each change: ` +
      `${misses} polls were answered by a render, for ${entries} entries (one render a change: the polls that arrive while it is in flight ` +
      'wait for it and count as misses too; the blog page and updates.json were each requested once before the readers started).',
    '',
    '### Entry written to visible',
    '',
    'From the rename of the entry file until the blog page (page 1) and updates.json both show it, each polled every 10 ms',
    'while the readers poll.',
    '',
    '| entries | where | p50 | p95 | max |',
    '| ---: | --- | ---: | ---: | ---: |',
    `| ${toPage.length} | blog page | ${ms(percentile(toPage, 50))} | ${ms(percentile(toPage, 95))} | ${ms(Math.max(...toPage))} |`,
    `| ${toJson.length} | updates.json | ${ms(percentile(toJson, 50))} | ${ms(percentile(toJson, 95))} | ${ms(Math.max(...toJson))} |`,
    '',
    `Target p95 <= 1 s: ${Math.max(percentile(toPage, 95), percentile(toJson, 95)) <= 1000 ? 'met' : 'missed'}.`,
  ].join('\n');
}
