import { ListingPage } from '@/components/ListingPage';
import { getListing, listingParams } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';

export const dynamicParams = false;

export function generateStaticParams() {
  return listingParams('author', 'author');
}

export async function generateMetadata({ params }: PageProps<'/author/[author]'>) {
  const { author } = await params;
  return listingMetadata(getListing('author', author), 1);
}

export default async function AuthorPage({ params }: PageProps<'/author/[author]'>) {
  const { author } = await params;
  return <ListingPage listing={getListing('author', author)} page={1} />;
}
