import type { Section } from '@/lib/content/types';

/** The list of section fronts, shared by the header navigation and the footer. */
export function SectionLinks({ sections }: { sections: Section[] }) {
  return (
    <ul>
      {sections.map((section) => (
        <li key={section.slug}>
          <a href={`/${section.slug}`}>{section.name}</a>
        </li>
      ))}
    </ul>
  );
}
