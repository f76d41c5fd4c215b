import { listingArchiveRoute } from '@/components/listingRoute';

export const dynamicParams = false;

const route = listingArchiveRoute('tag', 'tag');
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
