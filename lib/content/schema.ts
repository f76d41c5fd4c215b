import { z } from 'zod';

/** ISO 8601 date-time with an explicit offset (Z or ±hh:mm), as news sitemaps and JSON-LD need. */
const isoDateTime = z
  .string({ error: 'must be an ISO 8601 date-time such as 2026-11-24T09:30:00+09:00' })
  // abort: a value that is no date-time at all is not also reported as "not a real calendar date".
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-24T09:30:00+09:00',
    abort: true,
  })
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
  /** Name of the publication or agency the story first appeared in, e.g. "NY Post". */
  source: nonEmpty('source'),
  /** The original's address; wire stories often have none. */
  originalUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  /** The provider's copyright notice, shown with the attribution, e.g. "© 2026 AP". */
  copyright: z.string().trim().min(1).max(500).optional(),
  /** Short wire line shown under the body, e.g. "with Post wires". */
  wireLine: z.string().trim().min(1).optional(),
  /** Google's syndication advice: keep the copy out of Google News (default true). */
  noindexNews: z.boolean().default(true),
});

/** The editorial states an article file can be in (front matter `status`). */
export const ARTICLE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const correctionSchema = z.strictObject({
  date: isoDateTime,
  text: nonEmpty('correction text').max(2000, 'must be at most 2,000 characters'),
});

/** An earlier URL of the story, kept working with a 308. */
const aliasSchema = z
  .string()
  .regex(/^\/[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an old article path such as /world/old-slug');

/** Where a wire story came from; written by the ninjs importer, which compares versions with it. */
export const wireSchema = z.strictObject({
  provider: nonEmpty('provider'),
  uri: nonEmpty('uri'),
  version: z.string().regex(/^\d+$/, 'must be a whole number such as "3"'),
  pubStatus: z.enum(['usable', 'withheld', 'canceled']).default('usable'),
});

/**
 * A live blog (front matter `live`): `true` or `{}` while coverage runs, `{ ended: <time> }` once
 * it is over; `false` is an ordinary story.
 */
const liveSchema = z.preprocess(
  (value) => (value === true ? {} : value === false ? undefined : value),
  z.strictObject({ ended: isoDateTime.optional() }, { error: 'must be true, {} or { ended: 2026-12-02T23:40:00+00:00 }' }).optional(),
);

export const articleFrontMatterSchema = z.strictObject({
  status: z.enum(ARTICLE_STATUSES, { error: 'must be one of draft, published, withdrawn' }).default('published'),
  /** Shown on the 410 notice of a withdrawn story. */
  withdrawnReason: z.string().trim().min(1).max(1000).optional(),
  section: slugSchema,
  headline: nonEmpty('headline').max(3000, 'must be at most 3,000 characters'),
  standfirst: nonEmpty('standfirst').max(6000, 'must be at most 6,000 characters'),
  /** Staff bylines: author files. A wire story may have none and a `byline` instead. */
  authors: z.array(slugSchema).default([]),
  /** A byline shown as written (wire stories: names, not author files). */
  byline: z.string().trim().min(1).max(300).optional(),
  /** Where the story was filed from, shown before the body, e.g. "SEOUL". */
  dateline: z.string().trim().min(1).max(100).optional(),
  /** In the future, an embargo: the story goes live by itself at that moment. */
  published: isoDateTime,
  updated: isoDateTime.optional(),
  tags: z.array(nonEmpty('tag')).min(1, 'needs at least one tag'),
  /** Optional: a text-only story (common on wires) has no photo. */
  hero: photoFrontMatterSchema.optional(),
  gallery: z.array(photoFrontMatterSchema).default([]),
  related: z.array(slugSchema).default([]),
  syndication: syndicationSchema.optional(),
  corrections: z.array(correctionSchema).default([]),
  aliases: z.array(aliasSchema).default([]),
  wire: wireSchema.optional(),
  live: liveSchema,
});

/** The states of a live blog entry (front matter `status`): a deleted one keeps its slot and answers 410. */
export const ENTRY_STATUSES = ['published', 'draft', 'deleted'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** One update of a live blog: `live/<story-slug>/<entry-id>.md`. */
export const liveEntryFrontMatterSchema = z.strictObject({
  posted: isoDateTime,
  title: z.string().trim().min(1, 'title must not be empty').max(300, 'must be at most 300 characters').optional(),
  /** Author files; none: the story's authors. */
  authors: z.array(slugSchema).default([]),
  /** A key event, listed in the blog's summary. */
  key: z.boolean({ error: 'must be true or false' }).default(false),
  /** Shown above the other entries. */
  pinned: z.boolean({ error: 'must be true or false' }).default(false),
  status: z.enum(ENTRY_STATUSES, { error: 'must be one of published, draft, deleted' }).default('published'),
  photo: photoFrontMatterSchema.optional(),
  corrections: z.array(correctionSchema).default([]),
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
export type LiveEntryFrontMatter = z.infer<typeof liveEntryFrontMatterSchema>;
export type Section = z.infer<typeof sectionSchema>;
