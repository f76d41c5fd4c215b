import Link from 'next/link';
import { pagePath } from '@/lib/pagination';

export function Pagination({ basePath, page, totalPages }: { basePath: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="pagination">
      {page > 1 && (
        <Link href={pagePath(basePath, page - 1)} rel="prev">
          ← Newer stories
        </Link>
      )}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages && (
        <Link href={pagePath(basePath, page + 1)} rel="next">
          Older stories →
        </Link>
      )}
    </nav>
  );
}
