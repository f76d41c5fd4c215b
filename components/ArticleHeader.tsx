import type { Article, Author, Section } from '@/lib/content/types';
import { Byline } from './Byline';
import { Corrections } from './Corrections';
import { Timestamp } from './Timestamp';

export function ArticleHeader({ article, section, authors }: { article: Article; section: Section; authors: Author[] }) {
  return (
    <header className="article-header">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <a href="/">Home</a>
          </li>
          <li>
            <a href={`/${section.slug}`}>{section.name}</a>
          </li>
        </ol>
      </nav>
      <h1 className="article-header__headline">{article.headline}</h1>
      <p className="article-header__standfirst">{article.standfirst}</p>
      <Corrections corrections={article.corrections} />
      <Byline authors={authors} byline={article.byline} />
      <p className="article-header__meta">
        <span>
          Published <Timestamp iso={article.published} long />
        </span>
        {article.updated && (
          <span>
            Updated <Timestamp iso={article.updated} long />
          </span>
        )}
        <span>{article.readingMinutes} min read</span>
      </p>
    </header>
  );
}
