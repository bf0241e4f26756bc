import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Passage } from '../src/story/passage.js';
import { extractiveAnswer, type ExtractiveOptions } from '../src/answer/extractive.js';
import { gatherEvidence } from '../src/answer/evidence.js';
import type { Retriever, SearchMode } from '../src/retrieval/search.js';
import { passageKinds } from '../src/story/schema.js';
import { expandStoryPaths } from '../src/story/load.js';

const answerSchema = z.object({
  field: z.string().optional(),
  story_id: z.string().optional(),
  kind: z.enum(passageKinds).optional(),
  contains: z.string().optional(),
});
/** The last holdout split written; each new blind split raises it by one. */
const LAST_HOLDOUT = 118;
/** The splits of a question set: the answer is tuned on `tune` only; the holdout splits check it. */
export const splits: readonly string[] = ['tune', 'holdout', ...Array.from({ length: LAST_HOLDOUT - 1 }, (_, i) => `holdout${i + 2}`)];

const questionSetSchema = z.object({
  story_id: z.string().optional(),
  questions: z
    .array(
      z.object({
        q: z.string(),
        type: z.string(),
        answers: z.array(answerSchema).optional(),
        /** Short strings a correct answer contains (case-insensitive). */
        facts: z.array(z.string()).optional(),
        /**
         * `holdout`: written before the offline answer was tuned, and never used to tune it; `holdout2` and
         * `holdout3`: later such splits, written before the answer's third and fourth passes; `holdout4` to
         * `holdout118`: written blind, each by another hand than the answer's rules. Default `tune`.
         */
        split: z
          .string()
          .refine((s) => splits.includes(s), { message: `a split is tune, holdout or holdout2 to holdout${LAST_HOLDOUT}` })
          .optional(),
      }),
    )
    .min(1),
});

export type QuestionSet = z.infer<typeof questionSetSchema>;
export type Question = QuestionSet['questions'][number];

/** Reads and validates a question set file. */
export function loadQuestionSet(file: string): QuestionSet {
  return questionSetSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The questions of one split, as a set of their own. */
export function splitOf(set: QuestionSet, split: string): QuestionSet {
  return { ...set, questions: set.questions.filter((q) => (q.split ?? 'tune') === split) };
}

/** Whether a passage holds one of the question's answers; an answer's field "timeline[1]" also names "timeline[1].text". */
export function holdsAnswer(q: Question, p: Pick<Passage, 'field' | 'text' | 'story_id' | 'kind'>): boolean {
  return (q.answers ?? []).some(
    (a) =>
      (!a.field || a.field === p.field || p.field.startsWith(`${a.field}.`)) &&
      (!a.story_id || a.story_id === p.story_id) &&
      (!a.kind || a.kind === p.kind) &&
      (!a.contains || p.text.includes(a.contains)),
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
 * an evenly spread sample of `sample` others, and a KEV catalog cut down to the entries the
 * questions name (written into `workDir`), for a quicker run among similar advisories.
 */
export async function dataFiles(dataSet: string, questionFile: string, sample: string | undefined, workDir?: string): Promise<string[]> {
  if (sample === undefined) return [dataSet];
  const set = loadQuestionSet(questionFile);
  const named = new Set(set.questions.flatMap((q) => q.answers ?? []).map((a) => `${(a.story_id ?? '').toLowerCase()}.json`));
  const all = (await expandStoryPaths([path.join(dataSet, 'csaf')])).sort();
  const others = all.filter((f) => !named.has(path.basename(f)));
  const step = Math.max(1, Math.floor(others.length / Math.max(1, Number(sample))));
  const files = [...all.filter((f) => named.has(path.basename(f))), ...others.filter((_, i) => i % step === 0).slice(0, Number(sample))];
  const kevFile = path.join(dataSet, 'kev', 'known_exploited_vulnerabilities.json');
  if (workDir && existsSync(kevFile)) {
    // The questions' CVEs (in their words or their kev- story ids) keep their catalog entries.
    const text = JSON.stringify(set.questions).toUpperCase();
    const catalog = JSON.parse(readFileSync(kevFile, 'utf8')) as { vulnerabilities: { cveID: string }[] };
    const kept = { ...catalog, vulnerabilities: catalog.vulnerabilities.filter((v) => text.includes(v.cveID.toUpperCase())) };
    mkdirSync(workDir, { recursive: true });
    const out = path.join(workDir, 'kev-sample.json');
    writeFileSync(out, JSON.stringify(kept));
    files.push(out);
  }
  return files;
}

/** How the offline extractive answer does on a question set. */
export interface AnswerReport {
  answerable: number;
  unanswerable: number;
  /** Share of answerable questions answered (not declined). */
  answered: number;
  /** Share of answerable questions with facts whose answer contains every fact. */
  factsFound: number;
  /** Share of unanswerable questions declined. */
  declined: number;
  misses: string[];
}

/** Asks every question through the extractive answer: answered with the expected facts, or declined. */
export async function evaluateAnswers(retriever: Retriever, set: QuestionSet, opts: ExtractiveOptions = {}): Promise<AnswerReport> {
  let answered = 0;
  let withFacts = 0;
  let factsFound = 0;
  let declined = 0;
  const misses: string[] = [];
  const answerable = set.questions.filter((q) => q.answers?.length);
  const unanswerable = set.questions.filter((q) => !q.answers?.length);
  for (const q of set.questions) {
    const hits = await gatherEvidence(retriever, q.q, { limit: 8, ...(set.story_id ? { storyId: set.story_id } : {}) });
    const a = extractiveAnswer(q.q, hits, opts);
    if (!q.answers?.length) {
      if (!a.found) declined++;
      else misses.push(`answered an unanswerable question: ${q.q} -> ${a.answer.slice(0, 120)}`);
      continue;
    }
    if (a.found) answered++;
    else misses.push(`declined: ${q.q}`);
    if (q.facts?.length) {
      withFacts++;
      const text = a.answer.toLowerCase();
      if (a.found && q.facts.every((f) => text.includes(f.toLowerCase()))) factsFound++;
      else if (a.found) misses.push(`facts ${q.facts.join(', ')} missing: ${q.q} -> ${a.answer.slice(0, 160)}`);
    }
  }
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    answered: answerable.length ? answered / answerable.length : 1,
    factsFound: withFacts ? factsFound / withFacts : 1,
    declined: unanswerable.length ? declined / unanswerable.length : 1,
    misses,
  };
}
