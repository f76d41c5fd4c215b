import { feedResponse } from '@/lib/seo/site-content';
import { listingParams } from '@/lib/listings';

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return listingParams('section', 'section');
}

export async function GET(_request: Request, { params }: RouteContext<'/[section]/feed.xml'>) {
  return feedResponse((await params).section, 'rss');
}
