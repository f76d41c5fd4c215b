import Link from 'next/link';
import type { Section } from '@/lib/content/types';

export function SiteHeader({ sections, siteName, tagline }: { sections: Section[]; siteName: string; tagline: string }) {
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="site-header__inner">
        <p className="site-header__brand">
          <Link href="/" aria-label={`${siteName} home`}>
            {siteName}
          </Link>
        </p>
        <p className="site-header__tagline">{tagline}</p>
      </div>
      <nav aria-label="Sections" className="site-nav">
        <ul>
          {sections.map((section) => (
            <li key={section.slug}>
              <Link href={`/${section.slug}`}>{section.name}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
