import { z } from 'zod';
import { requireStory } from '../../retrieval/stories.js';
import { storyFacts } from '../../story/facts.js';
import { productSchema, vulnerabilitySchema } from '../../story/schema.js';
import { quoteUntrusted, UNTRUSTED_NOTICE } from '../../render/passages.js';
import { spanSchema } from '../../story/passage.js';
import { kindInput, storyIdInput } from '../schemas.js';
import { defineTool } from '../tool.js';

export const getStory = defineTool({
  name: 'get_story',
  title: 'Get a story',
  description:
    'A stored story: title, dates, body, counts of timeline events and sources, entities, and the citation_id of each ' +
    'passage so any part can be cited. Use get_timeline and list_sources for those parts in full.',
  input: {
    story_id: storyIdInput,
    include_body: z.boolean().default(true).describe('Include the full body text (default true)'),
  },
  output: {
    id: z.string(),
    title: z.string(),
    published: z.string().nullable(),
    updated: z.string().nullable(),
    body: z.string().nullable(),
    timeline_events: z.number().int(),
    sources_listed: z.number().int(),
    references_tracked: z.number().int().nullable().describe('How many references the story says it tracks, if it says'),
    entities: z.array(z.object({ type: z.string(), name: z.string(), aliases: z.array(z.string()).optional() })),
    facts: z.array(z.string()).describe('Fact lines derived from the structured data (entities, reference count, scores, product status); passages with field facts[i] cite them'),
    vulnerabilities: z
      .array(vulnerabilitySchema)
      .describe('Advisories: per vulnerability its CVSS scores, weakness, product status (product ids per status) and remediations (vendor fixes, mitigations, workarounds)'),
    products: z.array(productSchema).describe('Advisories: the products named, each with its version or version range as the advisory writes it'),
    passages: z.array(z.object({ citation_id: z.string(), kind: kindInput, field: z.string(), span: spanSchema })),
    ingested_at: z.string(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { store }) {
    const { story: s, passages, ingested_at } = await requireStory(store, args.story_id);
    const structured = {
      id: s.id,
      title: s.title,
      published: s.published ?? null,
      updated: s.updated ?? null,
      body: args.include_body ? s.body : null,
      timeline_events: s.timeline.length,
      sources_listed: s.sources.length,
      references_tracked: s.references_tracked ?? null,
      entities: s.entities,
      facts: storyFacts(s).map((f) => f.text),
      vulnerabilities: s.vulnerabilities ?? [],
      products: s.products ?? [],
      passages: passages.map((p) => ({ citation_id: p.citation_id, kind: p.kind, field: p.field, span: p.span })),
      ingested_at,
    };
    const lines = [
      `Story ${s.id}: ${s.title}`,
      `Published: ${s.published ?? 'not stated'}; updated: ${s.updated ?? 'not stated'}`,
      `Timeline events: ${s.timeline.length}; sources listed: ${s.sources.length}` +
        (s.references_tracked != null ? `; the story says it tracks ${s.references_tracked} references` : ''),
      `Entities: ${s.entities.map((e) => `${e.name} (${e.type})`).join(', ') || 'none listed'}`,
      ...(s.vulnerabilities?.length
        ? [
            `Vulnerabilities: ${s.vulnerabilities
              .map((v) => `${v.cve ?? v.title ?? 'unnamed'}${v.cvss[0] ? ` (CVSS ${v.cvss[0].base_score} ${v.cvss[0].severity})` : ''}, ${v.remediations.length} remediation(s)`)
              .join('; ')}`,
          ]
        : []),
      '',
      'Body passages (cite these ids):',
      ...passages.filter((p) => p.kind === 'body').map((p) => `- ${p.citation_id}: body ${p.span.start}-${p.span.end}`),
    ];
    if (args.include_body) lines.push('', UNTRUSTED_NOTICE, quoteUntrusted(`${s.id}:body`, s.body));
    return { structured, text: lines.join('\n') };
  },
});
