import Link from 'next/link';
import type { Tag } from '@/lib/content/types';

export function TagList({ tags }: { tags: Tag[] }) {
  return (
    <nav aria-label="Topics" className="tag-list">
      <h2 className="tag-list__title">Topics</h2>
      <ul>
        {tags.map((tag) => (
          <li key={tag.slug}>
            <Link href={`/tag/${tag.slug}`}>{tag.name}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
