import { serializeJsonLd } from '@/lib/seo/json-ld';

/** Structured data for search engines; the serialiser keeps any text inside the script element. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
