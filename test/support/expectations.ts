import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { evaluateAnswers } from '../../tools/eval-lib.js';
import { textOf, type StdioConnection } from '../helpers.js';

/** Assertions several test files share. */

/**
 * Searches the bundled story once through a spawned server and closes the client: the call must
 * succeed with quoted passages, and nothing but MCP may have reached stdout.
 */
export async function expectSearchAndClose({ client, stderr, protocolErrors }: StdioConnection): Promise<void> {
  try {
    const r = await client.callTool({ name: 'search_passages', arguments: { query: 'What did CISA say it would issue?', limit: 3 } });
    expect(r.isError, stderr()).toBeFalsy();
    expect(textOf(r)).toContain('<untrusted-passage');
  } finally {
    await client.close();
  }
  expect(protocolErrors.map(String)).toEqual([]);
}

/** Asserts the offline answer's rates on a question set: answered, with its facts, declined. */
export async function expectAnswerRates(
  retriever: App['retriever'],
  questions: Parameters<typeof evaluateAnswers>[1],
  min: { answered: number; factsFound: number; declined: number },
): Promise<void> {
  const r = await evaluateAnswers(retriever, questions);
  expect(r.answered, r.misses.join(' | ')).toBeGreaterThanOrEqual(min.answered);
  expect(r.factsFound, r.misses.join(' | ')).toBeGreaterThanOrEqual(min.factsFound);
  expect(r.declined, r.misses.join(' | ')).toBeGreaterThanOrEqual(min.declined);
}
