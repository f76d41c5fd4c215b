import { NextResponse, type NextRequest } from 'next/server';
import { lowerCasePath } from './lib/paths';

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
