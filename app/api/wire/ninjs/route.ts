import { liveContent } from '@/lib/content/live';
import { createStore } from '@/lib/store/article-store';
import { privateJson, refuseWithoutToken } from '@/lib/http/secrets';
import { importJsonValue, type ImportResult } from '@/lib/wire/import';
import { pictureLimitsFromEnv } from '@/lib/wire/pictures';

/**
 * Push endpoint for a wire feed: POST one ninjs document (or an array) as JSON with
 * `Authorization: Bearer $WIRE_TOKEN`. Off (404) unless WIRE_TOKEN is set. Answers with the
 * same outcome as the CLI for each document; the story is live when the response arrives.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Largest body accepted: a long story with its metadata is tens of kilobytes; pictures come by URL. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

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
  const refused = refuseWithoutToken(request, 'WIRE_TOKEN');
  if (refused) return refused;
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) return privateJson({ error: `the body is over ${MAX_BODY_BYTES} bytes` }, 413);
  let text: string;
  try {
    text = await readBody(request);
  } catch (error) {
    if (error instanceof TooLarge) return privateJson({ error: `the body is over ${MAX_BODY_BYTES} bytes` }, 413);
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return privateJson({ error: `the body is not JSON: ${(error as Error).message}` }, 400);
  }
  let store;
  try {
    store = createStore(process.env, { shared: true });
  } catch (error) {
    return privateJson({ error: (error as Error).message }, 503);
  }
  // Picture URLs in a pushed document may not point inside our network unless the operator says so.
  const results = await importJsonValue(value, 'request', { store, limits: pictureLimitsFromEnv() });
  // Live now, not at the next file-watcher tick (the write changed the store's signature).
  const live = results.some((result) => result.file) ? await liveContent().refresh() : undefined;
  const rejected = results.some((result) => result.outcome === 'rejected');
  return privateJson(
    { results: results.map(publicResult), ...(live && { live: { version: live.version, problems: live.problems } }) },
    rejected ? 422 : 200,
  );
}
