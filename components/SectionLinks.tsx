import Link from 'next/link';
import type { Section } from '@/lib/content/types';

/** The list of section fronts, shared by the header navigation and the footer. */
export function SectionLinks({ sections }: { sections: Section[] }) {
  return (
    <ul>
      {sections.map((section) => (
        <li key={section.slug}>
          <Link href={`/${section.slug}`}>{section.name}</Link>
        </li>
      ))}
    </ul>
  );
}
