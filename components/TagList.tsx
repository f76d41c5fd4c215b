import type { Tag } from '@/lib/content/types';

export function TagList({ tags }: { tags: Tag[] }) {
  return (
    <nav aria-label="Topics" className="tag-list">
      <h2 className="tag-list__title">Topics</h2>
      <ul>
        {tags.map((tag) => (
          <li key={tag.slug}>
            <a href={`/tag/${tag.slug}`}>{tag.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
