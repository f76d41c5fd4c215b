import { PHOTO_SRC_PATTERN } from '../content/schema';

/**
 * Rejects requests that Next's own handler answers with a 500 (checked with next 16.4.6):
 * targets whose percent-encoding does not decode, non-origin targets such as `*`, and image
 * optimiser requests for anything but one of our photos. Returns the status to answer with,
 * or undefined to let the request through.
 */
export function rejectMalformedRequest(target: string | undefined): 400 | undefined {
  if (!target || !(target.startsWith('/') || /^https?:\/\//i.test(target))) return 400;
  let url: URL;
  try {
    url = new URL(target, 'http://placeholder');
    decodeURIComponent(url.pathname);
  } catch {
    return 400;
  }
  if (url.pathname === '/_next/image') {
    const photo = url.searchParams.get('url');
    if (!photo || !PHOTO_SRC_PATTERN.test(photo)) return 400;
  }
  return undefined;
}
