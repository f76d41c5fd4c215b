import { feedResponse } from '@/lib/seo/site-content';

export const dynamic = 'force-static';

export function GET() {
  return feedResponse(undefined, 'atom');
}
