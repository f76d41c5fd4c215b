import { listingArchiveRoute } from '@/components/listingRoute';

export const dynamicParams = false;

const route = listingArchiveRoute('author', 'author');
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
