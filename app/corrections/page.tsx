import { Timestamp } from '@/components/Timestamp';
import { getContent } from '@/lib/content/repository';
import { RECENT_CORRECTIONS } from '@/lib/listings';
import { pageMetadata } from '@/lib/metadata';
import { siteCard } from '@/lib/og/page-cards';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export const metadata = pageMetadata({
  title: 'Corrections and clarifications',
  description: 'Corrections NewsBite has made to its stories, newest first.',
  path: '/corrections',
  card: siteCard(),
});

export default async function CorrectionsPage() {
  const corrections = await getContent().recentCorrections(RECENT_CORRECTIONS);
  return (
    <div className="corrections-page">
      <h1>Corrections and clarifications</h1>
      <p>When we get something wrong we correct it on the story and record it here, newest first.</p>
      {corrections.length ? (
        <ol className="corrections-page__list">
          {corrections.map(({ article, date, text }) => (
            <li key={`${article.path} ${date}`}>
              <p>
                <Timestamp iso={date} long />: <a href={article.path}>{article.headline}</a>
              </p>
              <p>{text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p>No corrections yet.</p>
      )}
    </div>
  );
}
