import { listingArchiveRoute } from '@/components/listingRoute';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

const route = listingArchiveRoute('section', 'section');
export const generateMetadata = route.generateMetadata;
export default route.Page;
