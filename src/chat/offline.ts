import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { extractiveAnswer, type ExtractiveAnswer } from '../answer/extractive.js';
import { citationSchema, hitFromCitation } from '../retrieval/citation.js';
import { z } from 'zod';

const searchResult = z.object({ results: z.array(citationSchema) });

/** The extractive cited answer of `storyline ask`, computed from search_passages over MCP. */
export async function offlineAnswer(mcp: Client, question: string, limit = 8): Promise<ExtractiveAnswer> {
  const r = await mcp.callTool({ name: 'search_passages', arguments: { query: question, limit } });
  if (r.isError) throw new Error((r.content as { text?: string }[]).map((c) => c.text ?? '').join(' '));
  return extractiveAnswer(question, searchResult.parse(r.structuredContent).results.map(hitFromCitation));
}
