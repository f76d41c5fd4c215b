import Link from 'next/link';
import type { Section } from '@/lib/content/types';

export function SiteFooter({ sections, siteName }: { sections: Section[]; siteName: string }) {
  return (
    <footer className="site-footer">
      <nav aria-label="Footer">
        <ul>
          {sections.map((section) => (
            <li key={section.slug}>
              <Link href={`/${section.slug}`}>{section.name}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        © {siteName}. Photographs are credited beside each picture and used under their open licences.
      </p>
    </footer>
  );
}
