import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Passage } from '../src/ingest/passages.js';
import type { Retriever, SearchMode } from '../src/retrieval/search.js';
import { expandStoryPaths } from '../src/story/load.js';

const answerSchema = z.object({ field: z.string().optional(), story_id: z.string().optional(), contains: z.string().optional() });
const questionSetSchema = z.object({
  story_id: z.string().optional(),
  questions: z.array(z.object({ q: z.string(), type: z.string(), answers: z.array(answerSchema).optional() })).min(1),
});

export type QuestionSet = z.infer<typeof questionSetSchema>;
export type Question = QuestionSet['questions'][number];

/** Reads and validates a question set file. */
export function loadQuestionSet(file: string): QuestionSet {
  return questionSetSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Whether a passage holds one of the question's answers. */
export function holdsAnswer(q: Question, p: Pick<Passage, 'field' | 'text' | 'story_id'>): boolean {
  return (q.answers ?? []).some(
    (a) => (!a.field || a.field === p.field) && (!a.story_id || a.story_id === p.story_id) && (!a.contains || p.text.includes(a.contains)),
  );
}

/** Per-question outcome and the aggregate figures. */
export interface EvalReport {
  answerable: number;
  recallAt5: number;
  recallAt10: number;
  mrr: number;
  top1: number;
  misses: string[];
}

/** Runs every answerable question through the retriever and scores the ranking. */
export async function evaluate(retriever: Retriever, set: QuestionSet, mode: SearchMode = 'hybrid'): Promise<EvalReport> {
  const answerable = set.questions.filter((q) => q.answers?.length);
  let at5 = 0;
  let at10 = 0;
  let rr = 0;
  let top1 = 0;
  const misses: string[] = [];
  for (const q of answerable) {
    const hits = await retriever.search({ query: q.q, limit: 10, mode, ...(set.story_id ? { filter: { story_id: set.story_id } } : {}) });
    const rank = hits.findIndex((h) => holdsAnswer(q, h)) + 1;
    if (rank === 1) top1++;
    if (rank >= 1 && rank <= 5) at5++;
    else misses.push(q.q);
    if (rank >= 1) {
      at10++;
      rr += 1 / rank;
    }
  }
  const n = answerable.length;
  return { answerable: n, recallAt5: at5 / n, recallAt10: at10 / n, mrr: rr / n, top1: top1 / n, misses };
}

/**
 * The whole data set, or with `sample` set, the CSAF advisories the question set names plus
 * an evenly spread sample of `sample` others (no KEV), for a quicker run among similar advisories.
 */
export async function dataFiles(dataSet: string, questionFile: string, sample: string | undefined): Promise<string[]> {
  if (sample === undefined) return [dataSet];
  const named = new Set(loadQuestionSet(questionFile).questions.flatMap((q) => q.answers ?? []).map((a) => `${(a.story_id ?? '').toLowerCase()}.json`));
  const all = (await expandStoryPaths([path.join(dataSet, 'csaf')])).sort();
  const others = all.filter((f) => !named.has(path.basename(f)));
  const step = Math.max(1, Math.floor(others.length / Math.max(1, Number(sample))));
  return [...all.filter((f) => named.has(path.basename(f))), ...others.filter((_, i) => i % step === 0).slice(0, Number(sample))];
}
