import { z } from 'zod';

/** ISO 8601 date-time with an explicit offset (Z or ±hh:mm), as news sitemaps and JSON-LD need. */
const isoDateTime = z
  .string({ error: 'must be an ISO 8601 date-time such as 2026-11-24T09:30:00+09:00' })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be an ISO 8601 date-time with an offset, e.g. 2026-11-24T09:30:00+09:00',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real calendar date');

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugSchema = z
  .string()
  .regex(slugPattern, 'must be lower-case words joined by hyphens, e.g. "dmz-defection"');

const nonEmpty = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} must not be empty`);

/** Where article photos live: one flat folder of safe file names (also used to vet image requests). */
export const PHOTO_SRC_PATTERN = /^\/photos\/[a-z0-9][a-z0-9._-]*\.(jpe?g|png|webp|avif)$/;

export const photoFrontMatterSchema = z.strictObject({
  src: z.string().regex(PHOTO_SRC_PATTERN, 'must be a file under /photos/, e.g. /photos/harbour.jpg'),
  alt: nonEmpty('alt text'),
  caption: nonEmpty('caption'),
  credit: nonEmpty('credit'),
});

export const syndicationSchema = z.strictObject({
  /** Name of the publication the story first appeared in, e.g. "NY Post". */
  source: nonEmpty('source'),
  originalUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }),
  /** Short wire line shown under the body, e.g. "with Post wires". */
  wireLine: z.string().trim().min(1).optional(),
  /** Google's syndication advice: keep the copy out of Google News (default true). */
  noindexNews: z.boolean().default(true),
});

export const articleFrontMatterSchema = z.strictObject({
  section: slugSchema,
  headline: nonEmpty('headline').max(3000, 'must be at most 3,000 characters'),
  standfirst: nonEmpty('standfirst').max(6000, 'must be at most 6,000 characters'),
  authors: z.array(slugSchema).min(1, 'needs at least one author id'),
  published: isoDateTime,
  updated: isoDateTime.optional(),
  tags: z.array(nonEmpty('tag')).min(1, 'needs at least one tag'),
  hero: photoFrontMatterSchema,
  gallery: z.array(photoFrontMatterSchema).default([]),
  related: z.array(slugSchema).default([]),
  syndication: syndicationSchema.optional(),
});

export const authorFrontMatterSchema = z.strictObject({
  name: nonEmpty('name'),
  role: nonEmpty('role'),
});

export const sectionSchema = z.strictObject({
  slug: slugSchema,
  name: nonEmpty('name'),
  description: nonEmpty('description'),
});
export const sectionsFileSchema = z.array(sectionSchema).min(1);

export type PhotoFrontMatter = z.infer<typeof photoFrontMatterSchema>;
export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;
export type Section = z.infer<typeof sectionSchema>;
