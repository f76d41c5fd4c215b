import { openSearchResponse } from '@/lib/seo/opensearch';

export const dynamic = 'force-static';

export function GET() {
  return openSearchResponse();
}
