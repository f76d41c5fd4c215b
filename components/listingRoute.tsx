import { getListing, type ListingKind } from '@/lib/listings';
import { listingMetadata } from '@/lib/metadata';
import { archivePageNumber } from '@/lib/pagination';
import { ListingPage } from './ListingPage';

type Params<P extends string> = { params: Promise<Record<P, string>> };
type ArchiveParams<P extends string> = { params: Promise<Record<P, string> & { page: string }> };

/** The exports of a listing's first page route (section front, topic page, author page). */
export function listingRoute<P extends string>(kind: ListingKind, param: P) {
  return {
    async generateMetadata({ params }: Params<P>) {
      return listingMetadata(getListing(kind, (await params)[param]), 1);
    },
    async Page({ params }: Params<P>) {
      return <ListingPage listing={getListing(kind, (await params)[param])} page={1} />;
    },
  };
}

/** The exports of a listing's later pages, `/…/page/2` onwards. */
export function listingArchiveRoute<P extends string>(kind: ListingKind, param: P) {
  return {
    async generateMetadata({ params }: ArchiveParams<P>) {
      const values = await params;
      const page = archivePageNumber(values.page);
      return page ? listingMetadata(getListing(kind, values[param]), page) : {};
    },
    async Page({ params }: ArchiveParams<P>) {
      const values = await params;
      const page = archivePageNumber(values.page);
      return <ListingPage listing={page ? getListing(kind, values[param]) : undefined} page={page ?? 1} />;
    },
  };
}
