import type { Author } from '@/lib/content/types';

/** "By Mina Park and Tom Reyes", each name linking to the author's page; a wire byline as written. */
export function Byline({ authors, byline }: { authors: Author[]; byline?: string }) {
  if (!authors.length) return byline ? <p className="byline">{/^by\b/i.test(byline) ? byline : `By ${byline}`}</p> : null;
  return (
    <p className="byline">
      By{' '}
      {authors.map((author, i) => (
        <span key={author.id}>
          {i > 0 && (i === authors.length - 1 ? ' and ' : ', ')}
          <a href={author.path} rel="author">
            {author.name}
          </a>
        </span>
      ))}
    </p>
  );
}
