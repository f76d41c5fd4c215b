import { pagePath } from '@/lib/pagination';

export function Pagination({ basePath, page, totalPages }: { basePath: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="pagination">
      {page > 1 && (
        <a href={pagePath(basePath, page - 1)} rel="prev">
          ← Newer stories
        </a>
      )}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages && (
        <a href={pagePath(basePath, page + 1)} rel="next">
          Older stories →
        </a>
      )}
    </nav>
  );
}
