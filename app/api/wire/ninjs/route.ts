import { liveContent } from '@/lib/content/live';
import { createStore } from '@/lib/store/article-store';
import { readJsonBody } from '@/lib/http/json-body';
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

function publicResult({ outcome, uri, path, reason }: ImportResult) {
  return { outcome, uri: uri ?? null, path: path ?? null, reason };
}

export async function POST(request: Request): Promise<Response> {
  const refused = refuseWithoutToken(request, 'WIRE_TOKEN');
  if (refused) return refused;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if ('refused' in body) return body.refused;
  const { value } = body;
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
