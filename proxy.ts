import { NextResponse, type NextRequest } from 'next/server';

/** Capital letters outside %XX escapes (whose hex digits may be either case). */
const CAPITALS_OUTSIDE_ESCAPES = /%[0-9A-Fa-f]{2}|[A-Z]+/g;

export function lowerCasePath(pathname: string): string {
  return pathname.replace(CAPITALS_OUTSIDE_ESCAPES, (match) => (match.startsWith('%') ? match : match.toLowerCase()));
}

/** One URL per page: "/World/Some-Story" answers 308 with "/world/some-story". */
export function proxy(request: NextRequest) {
  const pathname = lowerCasePath(request.nextUrl.pathname);
  if (pathname === request.nextUrl.pathname) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  return NextResponse.redirect(url, 308);
}

export const config = {
  // Only paths with a capital letter reach the proxy; Next's assets and files (a dot in the
  // path, e.g. /photos/CREDITS.md) keep their names.
  matcher: '/((?!_next/)[^.]*[A-Z][^.]*)',
};
