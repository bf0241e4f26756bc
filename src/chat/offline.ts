import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { gatherEvidence } from '../answer/evidence.js';
import { extractiveAnswer, type ExtractiveAnswer } from '../answer/extractive.js';
import { citationSchema, hitFromCitation } from '../retrieval/citation.js';
import type { Retriever } from '../retrieval/search.js';
import { z } from 'zod';

const searchResult = z.object({ results: z.array(citationSchema) });

/** search_passages over MCP, as a retriever: the query, how many, its mode, and one story when filtered by it. */
function mcpRetriever(mcp: Client): Retriever {
  return {
    async search(req) {
      const args = { query: req.query, limit: req.limit, ...(req.filter?.story_id ? { story_id: req.filter.story_id } : {}), ...(req.mode ? { mode: req.mode } : {}) };
      const r = await mcp.callTool({ name: 'search_passages', arguments: args });
      if (r.isError) throw new Error((r.content as { text?: string }[]).map((c) => c.text ?? '').join(' '));
      return searchResult.parse(r.structuredContent).results.map(hitFromCitation);
    },
  };
}

/** The extractive cited answer of `storyline ask`, computed from search_passages over MCP. */
export async function offlineAnswer(mcp: Client, question: string, limit = 8): Promise<ExtractiveAnswer> {
  return extractiveAnswer(question, await gatherEvidence(mcpRetriever(mcp), question, { limit }));
}
