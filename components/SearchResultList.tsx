import type { SearchHit } from '@/lib/search/engine';
import type { HighlightedText } from '@/lib/search/snippet';
import { Timestamp } from './Timestamp';

/** Text with the matched words in <mark>; React escapes every character of it. */
export function Highlighted({ text }: { text: HighlightedText }) {
  return <>{text.map((segment, i) => (segment.highlighted ? <mark key={i}>{segment.text}</mark> : segment.text))}</>;
}

/** Search results, or the latest stories: headline, section, date, standfirst and a snippet. No photo, so text-only stories fit. */
export interface SearchResultListProps {
  hits: SearchHit[];
  sectionNames: Record<string, string>;
  /** The number of the first result, for later pages. */
  start?: number;
  headingLevel?: 2 | 3;
}

export function SearchResultList({ hits, sectionNames, start = 1, headingLevel = 2 }: SearchResultListProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <ol className="search-results" start={start}>
      {hits.map(({ article, snippet }) => (
        <li key={article.path} className="search-result">
          <p className="search-result__section">{sectionNames[article.section] ?? article.section}</p>
          <Heading className="search-result__headline">
            <a href={article.path}>{article.headline}</a>
          </Heading>
          <p className="search-result__meta">
            <Timestamp iso={article.published} />
          </p>
          <p className="search-result__standfirst">{article.standfirst}</p>
          {snippet.length > 0 && (
            <p className="search-result__snippet">
              <Highlighted text={snippet} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
