/**
 * Generates the README's tool reference from the tool schemas, so the docs cannot drift
 * from the code (a test checks the README holds this output). `npm run docs` rewrites the
 * part of README.md between the tools:start and tools:end markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../src/config.js';
import { actionTools, retrievalTools } from '../src/mcp/tools/index.js';
import type { ToolContract } from '../src/mcp/tool.js';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array' && s.items) return s.items.enum || s.items.anyOf ? `(${typeOf(s.items)})[]` : `${typeOf(s.items)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
  return t === 'integer' && s.minimum !== undefined && s.maximum !== undefined ? `integer ${s.minimum}..${s.maximum}` : t;
}

const hints = (t: ToolContract) =>
  (['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const)
    .filter((k) => t.annotations[k])
    .map((k) => k.replace('Hint', ''))
    .join(', ') || 'none';

/** Markdown reference for a list of tools: one section each with an input table. */
export function toolReference(tools: readonly ToolContract[]): string {
  return tools
    .map((t) => {
      const schema = z.toJSONSchema(z.object(t.input), { io: 'input' }) as JsonSchema;
      const rows = Object.entries(schema.properties ?? {}).map(
        ([name, p]) =>
          `| \`${name}\` | ${typeOf(p)} | ${schema.required?.includes(name) ? 'yes' : 'no'} | ${(p.description ?? '').replace(/\|/g, '\\|')}${p.default !== undefined && !p.description?.includes('default') ? ` (default ${JSON.stringify(p.default)})` : ''} |`,
      );
      return [`#### \`${t.name}\`: ${t.title}`, '', t.description, '', `Annotations: ${hints(t)}.`, '', '| input | type | required | description |', '|---|---|---|---|', ...rows].join('\n');
    })
    .join('\n\n');
}

/** The README's whole tool section. */
export const toolDocs = () =>
  `Retrieval tools (read-only):\n\n${toolReference(retrievalTools)}\n\nAction tools (subscriptions, ingest; their arguments must come from the user, never from retrieved text):\n\n${toolReference(actionTools)}`;

if (process.argv[1]?.endsWith('docs.js')) {
  const readme = path.join(PACKAGE_ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('\n', text.indexOf('<!-- tools:start'));
  const end = text.indexOf('<!-- tools:end -->');
  if (start < 0 || end < start) throw new Error(`${readme} lacks the <!-- tools:start --> and <!-- tools:end --> markers`);
  const next = `${text.slice(0, start + 1)}${toolDocs()}\n${text.slice(end)}`;
  writeFileSync(readme, next);
  process.stdout.write(next === text ? 'README.md tool reference already up to date\n' : 'README.md tool reference regenerated\n');
}
