import { ListingPage } from '@/components/ListingPage';
import { getListing, listingParams } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';

export const dynamicParams = false;

export function generateStaticParams() {
  return listingParams('section', 'section');
}

export async function generateMetadata({ params }: PageProps<'/[section]'>) {
  const { section } = await params;
  return listingMetadata(getListing('section', section), 1);
}

export default async function SectionPage({ params }: PageProps<'/[section]'>) {
  const { section } = await params;
  return <ListingPage listing={getListing('section', section)} page={1} />;
}
