import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { registerAppResource, RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { TIMELINE_SCRIPT, TIMELINE_STYLE } from './timeline-script.js';

/** The MCP Apps view get_timeline declares; hosts without MCP Apps never read it. */
export const TIMELINE_VIEW_URI = 'ui://storyline/timeline.html';

/** The tool metadata that points an MCP Apps host at the view (new and legacy keys). */
export const TIMELINE_VIEW_META = { ui: { resourceUri: TIMELINE_VIEW_URI }, [RESOURCE_URI_META_KEY]: TIMELINE_VIEW_URI };

/**
 * The view's module script: the package's self-contained browser build of the ext-apps App
 * class, then the view's code in a block of its own (so its names cannot clash with the
 * build's minified ones), given App by the local name the build's closing export names.
 */
function viewModule(): string {
  const file = createRequire(import.meta.url).resolve('@modelcontextprotocol/ext-apps/app-with-deps');
  const code = readFileSync(file, 'utf8');
  const exported = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(code)?.[1];
  const local = exported?.split(',').map((s) => s.trim().split(/\s+as\s+/)).find((p) => p[1] === 'App')?.[0];
  if (!local) throw new Error(`${file}: no App export found; the timeline view needs @modelcontextprotocol/ext-apps 1.7`);
  // Inside <script>, "</script" would end the element early.
  return `${code}\n{\nconst App = ${local};\n${TIMELINE_SCRIPT}\n}`.replace(/<\/script/gi, '<\\/script');
}

let cached: string | null = null;

/**
 * The timeline view: one self-contained HTML document (its script, the ext-apps App class and
 * its style inline). Its Content-Security-Policy allows no network request of any kind.
 */
export function timelineViewHtml(): string {
  cached ??= [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Storyline timeline</title>',
    `<style>${TIMELINE_STYLE}</style>`,
    '</head><body><main id="root" data-state="waiting"></main>',
    `<script type="module">\n${viewModule()}\n</script>`,
    '</body></html>',
  ].join('\n');
  return cached;
}

/** Registers the timeline view as a ui:// resource. */
export function registerTimelineView(server: McpServer): void {
  registerAppResource(
    server,
    'timeline-view',
    TIMELINE_VIEW_URI,
    {
      title: 'Timeline view',
      description: 'An interactive view of get_timeline results for MCP Apps hosts: dated events on a time axis, undated ones apart, each with its citation_id and the story\'s sources',
      mimeType: RESOURCE_MIME_TYPE,
    },
    () => ({
      contents: [{ uri: TIMELINE_VIEW_URI, mimeType: RESOURCE_MIME_TYPE, text: timelineViewHtml(), _meta: { ui: { prefersBorder: true } } }],
    }),
  );
}
