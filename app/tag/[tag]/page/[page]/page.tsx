import { ListingPage } from '@/components/ListingPage';
import { getListing, listingPageParams } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';

export const dynamicParams = false;

export function generateStaticParams() {
  return listingPageParams('tag', 'tag');
}

export async function generateMetadata({ params }: PageProps<'/tag/[tag]/page/[page]'>) {
  const { tag, page } = await params;
  return listingMetadata(getListing('tag', tag), Number(page));
}

export default async function TagArchivePage({ params }: PageProps<'/tag/[tag]/page/[page]'>) {
  const { tag, page } = await params;
  return <ListingPage listing={getListing('tag', tag)} page={Number(page)} />;
}
