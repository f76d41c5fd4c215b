export interface Page<T> {
  items: T[];
  page: number;
  totalPages: number;
}

/** One page of a list, or undefined when the page number is out of range (a 404, not an empty page). */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): Page<T> | undefined {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return undefined;
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, totalPages };
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
