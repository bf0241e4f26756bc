import { z } from 'zod';
import { resolveInRoots } from '../roots.js';
import { USER_ARGS_ONLY } from '../schemas.js';
import { defineTool } from '../tool.js';

export const ingestStories = defineTool({
  name: 'ingest_stories',
  title: 'Add stories from the server\'s files',
  description:
    'Ingests story files (Storyline JSON or CSAF 2.0 advisories) or directories of them from the server\'s allowed ingest ' +
    'roots. Unchanged stories are skipped; invalid files are reported and skipped. Sends progress notifications when the ' +
    `call carries a progressToken, and resources/list_changed afterwards. ${USER_ARGS_ONLY}`,
  input: {
    paths: z.array(z.string().trim().min(1).max(4096)).min(1).max(100).describe('Files or directories on the server, inside its ingest roots'),
  },
  output: {
    added: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    passages: z.number().int(),
    removed: z.array(z.string()).describe('Stories of their own for KEV CVEs that another story now names'),
    failed: z.array(z.object({ file: z.string(), error: z.string() })),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { ingestPaths, config }, ctx) {
    const paths = await resolveInRoots(args.paths, config.ingestRoots);
    await ctx.confirm({
      action: `Ingest ${paths.length} path(s) from the server into Storyline's store (${config.dataDir}).`,
      details: [
        ...paths.slice(0, 20).map((p) => `From: ${p}`),
        ...(paths.length > 20 ? [`and ${paths.length - 20} more`] : []),
        'New and changed stories are stored and searchable at once; subscriptions they match send their events',
      ],
    });
    await ctx.progress(0, 1, 'validating files');
    const r = await ingestPaths(paths, { keepGoing: true, onProgress: (done, total) => void ctx.progress(done, total, 'embedding passages') });
    if (r.added.length || r.updated.length) ctx.resourcesChanged();
    const text =
      `Ingested: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged; ${r.passages} passages embedded.` +
      (r.failed.length ? `\n${r.failed.length} file(s) skipped:\n${r.failed.map((f) => `- ${f.error}`).join('\n')}` : '');
    return { structured: r, text };
  },
});
