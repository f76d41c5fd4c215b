import { readListing, type ListingKind } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';
import { archivePageNumber } from '@/lib/pagination';
import { ListingPage } from './ListingPage';

type Params<P extends string> = { params: Promise<Record<P, string>> };
type ArchiveParams<P extends string> = { params: Promise<Record<P, string> & { page: string }> };

/** The exports of a listing's first page route (section front, topic page, author page). */
export function listingRoute<P extends string>(kind: ListingKind, param: P) {
  return {
    async generateMetadata({ params }: Params<P>) {
      const shown = await readListing(kind, (await params)[param], 1);
      return listingMetadata(shown?.listing, 1);
    },
    async Page({ params }: Params<P>) {
      return <ListingPage shown={await readListing(kind, (await params)[param], 1)} />;
    },
  };
}

/** The exports of a listing's later pages, `/…/page/2` onwards. */
export function listingArchiveRoute<P extends string>(kind: ListingKind, param: P) {
  const read = async (params: ArchiveParams<P>['params']) => {
    const values = await params;
    const page = archivePageNumber(values.page);
    return page ? readListing(kind, values[param], page) : undefined;
  };
  return {
    async generateMetadata({ params }: ArchiveParams<P>) {
      const shown = await read(params);
      return shown ? listingMetadata(shown.listing, shown.current.page) : {};
    },
    async Page({ params }: ArchiveParams<P>) {
      return <ListingPage shown={await read(params)} />;
    },
  };
}
