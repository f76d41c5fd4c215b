import { listingRoute } from '@/components/listingRoute';

export const dynamicParams = false;

const route = listingRoute('author', 'author');
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
