import { createHash, timingSafeEqual } from 'node:crypto';
import { liveContent } from '@/lib/content/live';
import { createStore } from '@/lib/content/store';
import { importJsonText, type ImportResult } from '@/lib/wire/import';
import { DEFAULT_PICTURE_LIMITS } from '@/lib/wire/pictures';

/**
 * Push endpoint for a wire feed: POST one ninjs document (or an array) as JSON with
 * `Authorization: Bearer $WIRE_TOKEN`. Off (404) unless WIRE_TOKEN is set. Answers with the
 * same outcome as the CLI for each document; the story is live when the response arrives.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Largest body accepted: a long story with its metadata is tens of kilobytes; pictures come by URL. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const NO_STORE = { 'cache-control': 'no-store' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

class TooLarge extends Error {}

/** The body as text, refusing it as soon as it passes the limit (Content-Length may be absent or wrong). */
async function readBody(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function publicResult({ outcome, uri, path, reason }: ImportResult) {
  return { outcome, uri: uri ?? null, path: path ?? null, reason };
}

export async function POST(request: Request): Promise<Response> {
  const expected = process.env.WIRE_TOKEN;
  if (!expected) return json(404, { error: 'not found' });
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer +(.+)$/i.exec(header.trim());
  if (!match || !tokenMatches(match[1].trim(), expected)) {
    return json(401, { error: 'a valid Authorization: Bearer token is required' }, { 'www-authenticate': 'Bearer realm="wire"' });
  }
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) return json(413, { error: `the body is over ${MAX_BODY_BYTES} bytes` });
  let text: string;
  try {
    text = await readBody(request);
  } catch (error) {
    if (error instanceof TooLarge) return json(413, { error: `the body is over ${MAX_BODY_BYTES} bytes` });
    throw error;
  }
  try {
    JSON.parse(text);
  } catch (error) {
    return json(400, { error: `the body is not JSON: ${(error as Error).message}` });
  }
  let store;
  try {
    store = createStore();
  } catch (error) {
    return json(503, { error: (error as Error).message });
  }
  // Picture URLs in a pushed document may not point inside our network unless the operator says so.
  const limits = { ...DEFAULT_PICTURE_LIMITS, allowPrivateNetwork: process.env.WIRE_PICTURES_ALLOW_PRIVATE === '1' };
  const results = await importJsonText(text, 'request', { store, limits });
  // Live now, not at the next file-watcher tick.
  const live = results.some((result) => result.file) ? liveContent().reload({ force: true }) : undefined;
  const rejected = results.some((result) => result.outcome === 'rejected');
  return json(rejected ? 422 : 200, {
    results: results.map(publicResult),
    ...(live && { live: { version: live.version, problems: live.problems } }),
  });
}
