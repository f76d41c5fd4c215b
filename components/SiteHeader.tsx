import type { Section } from '@/lib/content/types';
import { MAX_QUERY_LENGTH } from '@/lib/search/query';
import { SectionLinks } from './SectionLinks';

export function SiteHeader({ sections, siteName, tagline }: { sections: Section[]; siteName: string; tagline: string }) {
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="site-header__inner">
        {/* A logo link, not a paragraph or a heading: each page has its own h1. */}
        <div className="site-header__brand">
          <a href="/" aria-label={`${siteName} home`}>
            {siteName}
          </a>
        </div>
        {/* A plain GET form: search works with JavaScript off. */}
        <form action="/search" method="get" role="search" aria-label="Site" className="site-search">
          <label htmlFor="site-search-q" className="visually-hidden">
            Search {siteName}
          </label>
          <input id="site-search-q" type="search" name="q" maxLength={MAX_QUERY_LENGTH} enterKeyHint="search" required />
          <button type="submit">Search</button>
        </form>
        <p className="site-header__tagline">{tagline}</p>
      </div>
      <nav aria-label="Sections" className="site-nav">
        <SectionLinks sections={sections} />
      </nav>
    </header>
  );
}
