import type { Section } from '@/lib/content/types';
import { SectionLinks } from './SectionLinks';

export function SiteFooter({ sections, siteName }: { sections: Section[]; siteName: string }) {
  return (
    <footer className="site-footer">
      <nav aria-label="Footer">
        <SectionLinks sections={sections} />
      </nav>
      <p>
        © {siteName}. Photographs are credited beside each picture and used under their open licences.
      </p>
    </footer>
  );
}
