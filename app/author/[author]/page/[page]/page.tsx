import { ListingPage } from '@/components/ListingPage';
import { getListing, listingPageParams } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';

export const dynamicParams = false;

export function generateStaticParams() {
  return listingPageParams('author', 'author');
}

export async function generateMetadata({ params }: PageProps<'/author/[author]/page/[page]'>) {
  const { author, page } = await params;
  return listingMetadata(getListing('author', author), Number(page));
}

export default async function AuthorArchivePage({ params }: PageProps<'/author/[author]/page/[page]'>) {
  const { author, page } = await params;
  return <ListingPage listing={getListing('author', author)} page={Number(page)} />;
}
