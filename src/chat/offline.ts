import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { extractiveAnswer, type ExtractiveAnswer } from '../answer/extractive.js';
import type { SearchHit } from '../retrieval/search.js';
import type { CitationOutput } from '../mcp/schemas.js';

/** The extractive cited answer of `storyline ask`, computed from search_passages over MCP. */
export async function offlineAnswer(mcp: Client, question: string, limit = 8): Promise<ExtractiveAnswer> {
  const r = await mcp.callTool({ name: 'search_passages', arguments: { query: question, limit } });
  if (r.isError) throw new Error((r.content as { text?: string }[]).map((c) => c.text ?? '').join(' '));
  const results = (r.structuredContent as { results: (CitationOutput & { similarity?: number | null })[] }).results;
  const hits: SearchHit[] = results.map((c) => ({
    citation_id: c.citation_id,
    story_id: c.story_id,
    story_title: c.story_title,
    kind: c.kind,
    field: c.field,
    ordinal: c.n,
    text: c.text,
    context: c.context ?? '',
    span: c.span,
    date: c.date ?? null,
    source: c.source ?? null,
    score: c.score ?? 0,
    similarity: c.similarity ?? null,
    keyword_rank: null,
    route: c.route ?? null,
  }));
  return extractiveAnswer(question, hits);
}
