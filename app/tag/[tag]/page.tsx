import { ListingPage } from '@/components/ListingPage';
import { getListing, listingParams } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';

export const dynamicParams = false;

export function generateStaticParams() {
  return listingParams('tag', 'tag');
}

export async function generateMetadata({ params }: PageProps<'/tag/[tag]'>) {
  const { tag } = await params;
  return listingMetadata(getListing('tag', tag), 1);
}

export default async function TagPage({ params }: PageProps<'/tag/[tag]'>) {
  const { tag } = await params;
  return <ListingPage listing={getListing('tag', tag)} page={1} />;
}
