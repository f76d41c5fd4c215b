export interface PaginationProps {
  page: number;
  totalPages: number;
  /** The URL of a page: a path for listings, a query string for search results. */
  href: (page: number) => string;
  label?: string;
  previous?: string;
  next?: string;
}

export function Pagination({ page, totalPages, href, label = 'Pagination', previous = '← Newer stories', next = 'Older stories →' }: PaginationProps) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {previous}
        </a>
      )}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages && (
        <a href={href(page + 1)} rel="next">
          {next}
        </a>
      )}
    </nav>
  );
}
