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

/** Page numbers 2..n for generateStaticParams; page 1 lives at the list's own URL. */
export function extraPageNumbers(count: number, pageSize: number): string[] {
  const totalPages = Math.max(1, Math.ceil(count / pageSize));
  return Array.from({ length: totalPages - 1 }, (_, i) => String(i + 2));
}

/** "/world" + 1 -> "/world"; "/world" + 3 -> "/world/page/3". */
export function pagePath(basePath: string, page: number): string {
  return page === 1 ? basePath : `${basePath}/page/${page}`;
}
