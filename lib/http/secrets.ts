import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `given` is the configured secret, in time that does not depend on where they differ:
 * both are hashed first, so even their lengths stay hidden.
 */
export function secretMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
function bearerToken(request: Request): string | undefined {
  const match = /^Bearer\s+(.+?)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * The answer for a write endpoint guarded by the token in `variable`: 404 while the variable is
 * unset (the endpoint is off), 401 for a missing or wrong token, undefined when the caller may go on.
 */
export function refuseWithoutToken(request: Request, variable: string): Response | undefined {
  const expected = process.env[variable];
  if (!expected) return new Response('Not found\n', { status: 404, headers: NO_STORE });
  if (!secretMatches(bearerToken(request), expected)) {
    return new Response('Unauthorized\n', { status: 401, headers: { ...NO_STORE, 'WWW-Authenticate': 'Bearer' } });
  }
  return undefined;
}

/** JSON that no cache keeps. */
export function privateJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}
