export interface Page<T> {
  items: T[];
  page: number;
  totalPages: number;
}

/**
 * The page number of a listing's /page/N URL, or undefined for one that must be a 404: digits
 * with no leading zero ("02" would be a second URL), and never 1, which lives at the listing's own URL.
 */
export function archivePageNumber(raw: string): number | undefined {
  return /^[1-9]\d*$/.test(raw) && raw !== '1' ? Number(raw) : undefined;
}

/** "/world" + 1 -> "/world"; "/world" + 3 -> "/world/page/3". */
export function pagePath(basePath: string, page: number): string {
  return page === 1 ? basePath : `${basePath}/page/${page}`;
}
