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
});

export type Story = z.infer<typeof storySchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Entity = z.infer<typeof entitySchema>;

export const passageKinds = ['body', 'timeline', 'source', 'entity'] as const;
export type PassageKind = (typeof passageKinds)[number];
