import type { Section } from '@/lib/content/types';
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
        <p className="site-header__tagline">{tagline}</p>
      </div>
      <nav aria-label="Sections" className="site-nav">
        <SectionLinks sections={sections} />
      </nav>
    </header>
  );
}
