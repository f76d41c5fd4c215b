/**
 * What the live blog entry endpoints answer (app/api/live/[story]/entries): the write of
 * lib/store/live-entries.ts, made live on this instance before the answer, so a client that
 * reads right after sees it (other instances follow through the store's notifications).
 */
import { liveContent } from '../content/live';
import { slugSchema } from '../content/schema';
import { ChangeRefused, entryOfRequest, PublishRefused, requestProblem, writeEntry } from '../store/live-entries';
import { readJsonBody } from './json-body';
import { privateJson } from './secrets';

/** Largest entry accepted: an update is a few paragraphs; photos come by src. */
const MAX_BODY_BYTES = 256 * 1024;

const STATUS_OF_REFUSAL = { 'no-story': 404, 'no-entry': 404, 'entry-exists': 409 } as const;

const isSlug = (value: string) => slugSchema.safeParse(value).success;
const notFound = (message: string) => privateJson({ error: message }, 404);

/** POST (`id` undefined: a new entry) or PUT (the entry `id` replaced or created). */
export async function saveEntry(request: Request, story: string, id?: string): Promise<Response> {
  if (!isSlug(story)) return notFound(`there is no story "${story}"`);
  if (id !== undefined && !isSlug(id)) return notFound(`there is no entry "${id}" in "${story}"`);
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if ('refused' in body) return body.refused;
  const entry = entryOfRequest(body.value, id);
  if (entry.problems) return privateJson({ problems: entry.problems }, 400);
  return write({ kind: 'entry', story, id: entry.id, text: entry.text, create: id === undefined }, !entry.postedGiven);
}

/** DELETE: the entry marked `status: deleted`, a tombstone whose permalink answers 410. */
export function deleteEntry(story: string, id: string): Promise<Response> | Response {
  if (!isSlug(story) || !isSlug(id)) return notFound(`there is no entry "${id}" in "${story}"`);
  return write({ kind: 'delete-entry', story, id }, false);
}

async function write(change: Parameters<typeof writeEntry>[0], keepPosted: boolean): Promise<Response> {
  let written;
  try {
    written = await writeEntry(change, { keepPosted });
  } catch (error) {
    if (error instanceof PublishRefused) return privateJson({ problems: error.problems.map(requestProblem) }, 400);
    if (error instanceof ChangeRefused) return privateJson({ error: error.message }, STATUS_OF_REFUSAL[error.reason]);
    return privateJson({ error: `the store did not take the entry, nothing was written: ${(error as Error).message}` }, 503);
  }
  await liveContent().refresh({ files: [written.file] });
  const status = written.created ? 201 : 200;
  const response = privateJson({ id: change.id, url: written.url }, status);
  if (status === 201) response.headers.set('Location', written.url);
  return response;
}
