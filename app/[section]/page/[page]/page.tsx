import { ListingPage } from '@/components/ListingPage';
import { getListing, listingPageParams } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';

export const dynamicParams = false;

export function generateStaticParams() {
  return listingPageParams('section', 'section');
}

export async function generateMetadata({ params }: PageProps<'/[section]/page/[page]'>) {
  const { section, page } = await params;
  return listingMetadata(getListing('section', section), Number(page));
}

export default async function SectionArchivePage({ params }: PageProps<'/[section]/page/[page]'>) {
  const { section, page } = await params;
  return <ListingPage listing={getListing('section', section)} page={Number(page)} />;
}
