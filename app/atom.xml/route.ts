import { feedResponse } from '@/lib/seo/site-content';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export function GET() {
  return feedResponse(undefined, 'atom');
}
