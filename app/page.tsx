import { ArticleCard } from '@/components/ArticleCard';
import { JsonLd } from '@/components/JsonLd';
import { sectionNames } from '@/lib/article-view';
import { siteConfig } from '@/lib/config';
import { getContent } from '@/lib/content/repository';
import { arrangeHome } from '@/lib/home';
import { pageMetadata } from '@/lib/metadata';
import { siteCard } from '@/lib/og/page-cards';
import { homeJsonLd } from '@/lib/seo/json-ld';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export const metadata = pageMetadata({
  title: `${siteConfig.name}: ${siteConfig.tagline}`,
  description: siteConfig.description,
  path: '/',
  card: siteCard(),
});

export default function HomePage() {
  const content = getContent();
  const front = arrangeHome(content);
  const names = sectionNames();
  if (!front) return <p>No stories yet.</p>;
  return (
    <div className="home">
      <JsonLd data={homeJsonLd()} />
      <h1 className="visually-hidden">{siteConfig.name}: top stories</h1>
      <section aria-labelledby="top-stories" className="home__top">
        <h2 id="top-stories" className="visually-hidden">
          Top stories
        </h2>
        <ArticleCard article={front.lead} sectionName={names[front.lead.section]} variant="lead" headingLevel={3} preload />
        <ol className="card-grid card-grid--top">
          {front.topStories.map((article) => (
            <li key={article.slug}>
              <ArticleCard article={article} sectionName={names[article.section]} />
            </li>
          ))}
        </ol>
      </section>
      {front.bySection.map(({ section, articles }) => (
        <section key={section.slug} aria-labelledby={`home-${section.slug}`} className="home__section">
          <h2 id={`home-${section.slug}`} className="home__section-title">
            <a href={`/${section.slug}`}>{section.name}</a>
          </h2>
          <ol className="card-grid">
            {articles.map((article) => (
              <li key={article.slug}>
                <ArticleCard article={article} sectionName={section.name} variant="compact" />
              </li>
            ))}
          </ol>
          <p className="home__more">
            <a href={`/${section.slug}`}>More in {section.name}</a>
          </p>
        </section>
      ))}
    </div>
  );
}
