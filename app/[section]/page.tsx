import { listingRoute } from '@/components/listingRoute';

export const dynamicParams = false;

const route = listingRoute('section', 'section');
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
