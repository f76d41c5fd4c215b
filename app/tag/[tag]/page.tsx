import { listingRoute } from '@/components/listingRoute';

export const dynamicParams = false;

const route = listingRoute('tag', 'tag');
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
