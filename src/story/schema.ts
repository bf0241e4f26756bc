import { z } from 'zod';

/** A calendar date as the story states it: YYYY-MM-DD, validated as a real day. */
export const isoDate = z
  .string()
  // abort: a string that is not YYYY-MM-DD gets one message, not "not a real calendar date" as well.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a real calendar date');

export const storyId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const timelineEventSchema = z.strictObject({
  /** null when the story gives no date: kept unknown, never invented. */
  date: isoDate.nullable(),
  title: text(500),
  text: text(20_000),
});

export const sourceSchema = z.strictObject({
  publisher: text(200),
  title: text(1_000),
  /** Only where the story states it. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  date: isoDate.optional(),
});

export const entitySchema = z.strictObject({
  type: text(64),
  name: text(300),
  aliases: z.array(text(300)).max(50).optional(),
});

/** A CVSS score as an advisory states it. */
export const cvssSchema = z.strictObject({
  version: text(8),
  base_score: z.number().min(0).max(10),
  severity: text(20),
  vector: text(300),
});

/** CSAF product status categories, in the order they are shown. */
export const productStatuses = [
  'known_affected',
  'first_affected',
  'last_affected',
  'under_investigation',
  'fixed',
  'first_fixed',
  'recommended',
  'known_not_affected',
] as const;
export type ProductStatus = (typeof productStatuses)[number];

/** What to do about a vulnerability: a fix, mitigation or workaround, for some products. */
export const remediationSchema = z.strictObject({
  /** CSAF categories: vendor_fix, mitigation, workaround, no_fix_planned, none_available. */
  category: text(40),
  details: text(20_000),
  url: z.url({ protocol: /^https?$/ }).optional(),
  product_ids: z.array(text(200)).max(20_000).default([]),
  date: isoDate.optional(),
});

/** A product an advisory speaks about, keyed by the advisory's own product id. */
export const productSchema = z.strictObject({
  id: text(200),
  vendor: text(300).optional(),
  name: text(500),
  /** An exact version (CSAF product_version). */
  version: text(200).optional(),
  /** A version range as the advisory writes it (CSAF product_version_range): "vers:all/<V4.3.1", "< V3.2.1". */
  range: text(500).optional(),
  /** The advisory's full product name. */
  full_name: text(1_000).optional(),
  cpe: text(500).optional(),
  purl: text(1_000).optional(),
});

/** One vulnerability of an advisory: scores, weakness, per-product status and remediations. */
export const vulnerabilitySchema = z.strictObject({
  cve: text(40).optional(),
  title: text(1_000).optional(),
  cwe: z.strictObject({ id: text(40), name: text(500) }).optional(),
  cvss: z.array(cvssSchema).max(10).default([]),
  /** Product ids (of `products`) per status. */
  product_status: z.partialRecord(z.enum(productStatuses), z.array(text(200)).max(20_000)).default({}),
  remediations: z.array(remediationSchema).max(1_000).default([]),
});

export const storySchema = z.strictObject({
  id: storyId,
  title: text(1_000),
  body: text(2_000_000),
  /** null or absent when the story does not state it. */
  published: isoDate.nullable().optional(),
  updated: isoDate.nullable().optional(),
  timeline: z.array(timelineEventSchema).max(10_000).default([]),
  sources: z.array(sourceSchema).max(10_000).default([]),
  entities: z.array(entitySchema).max(10_000).default([]),
  /** The count of references the story says it tracks, when it says so. */
  references_tracked: z.number().int().nonnegative().nullable().optional(),
  /** Advisories: the products they speak about and their vulnerabilities. */
  products: z.array(productSchema).max(20_000).optional(),
  vulnerabilities: z.array(vulnerabilitySchema).max(20_000).optional(),
});

export type Story = z.infer<typeof storySchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type Product = z.infer<typeof productSchema>;
export type Vulnerability = z.infer<typeof vulnerabilitySchema>;
export type Remediation = z.infer<typeof remediationSchema>;
export type Cvss = z.infer<typeof cvssSchema>;

export const passageKinds = ['body', 'timeline', 'source', 'entity', 'vulnerability', 'remediation'] as const;
export type PassageKind = (typeof passageKinds)[number];

/** A citation id: the passage kind's initial and 16 hex digits (see `citationId`). */
export const CITATION_ID_SOURCE = `[${passageKinds.map((k) => k[0]).join('')}]_[0-9a-f]{16}`;
