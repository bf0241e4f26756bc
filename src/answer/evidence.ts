import type { Retriever, SearchHit } from '../retrieval/search.js';
import { PRODUCTS_LINE, WEAKNESSES_LINE } from '../retrieval/intent.js';
import { asksForProductKind, CVE_ASKED, CVE_ID, expected, FLAW_KIND_ASKED, HIGHEST_ASKED, nameTokens, REPEATED_OUTLET, SCORE_ASKED, SOURCE_ASKED } from './question.js';
import { fold, inPassageWords } from './words.js';

/** What the offline answer searches. */
export interface EvidenceOptions {
  /** Passages of each search: over every story, then of the first story alone. */
  limit: number;
  /** Only this story: no search over every story then. */
  storyId?: string;
}

/** How many of the first story's passages are looked up by the names no gathered passage holds. */
const NAMED_LIMIT = 3;
/** How many of the first story's vulnerability lines are looked up when the CVE asked for is named by no gathered passage. */
const CVE_LIMIT = 2;
/** How many of the first story's score lines are gathered when the question asks which of its flaws scores highest. */
const SCORES_LIMIT = 30;
/** How many of the first story's sources are gathered when the question asks of its sources. */
const SOURCES_LIMIT = 50;

/**
 * The passages an offline answer weighs: the question's best over every story, then the first
 * story's own best after them. An advisory's other passages hold what the best over all left
 * out: the "OpenSSL" a fix question names beside the fix, a KEV entry's required action beside
 * the date it was added. (Measured on the CSAF set: 43 more of 2,724 answerable questions
 * answered, 47 more with their facts, 7 more of 1,700 unanswerable ones answered.)
 * A name the question gives that none of these holds ("OPC UA" where the fixes name only
 * "KEPServerEX") is looked for among the first story's passages by the name alone: the answer
 * sees the advisory's own words for it. (Measured on the CSAF set: 17 more answered, 13 more
 * with their facts, 4 more unanswerable ones answered: "which Redis version ships in X", with the fixes.)
 * A CVE asked for ("is there a CVE for that?") that no gathered passage of the first story names is
 * looked for among its vulnerability lines. (CSAF set: 3 more with their facts, 1 fewer.)
 * A question put in words passages write otherwise ("an opinion piece": a perspective) searches the first
 * story again in the passages' words. (Seed set: 3 more of 1,127 answerable questions answered, none of 1,089 unanswerable.)
 * A question of the story's sources ("every scworld.com article", "any think-tank analysis among the references?")
 * gathers all of them. (Seed set: 3 more with their facts than gathering only those of an outlet the question names.)
 */
export async function gatherEvidence(retriever: Retriever, question: string, opts: EvidenceOptions): Promise<SearchHit[]> {
  const hits = await retriever.search({ query: question, limit: opts.limit, ...(opts.storyId ? { filter: { story_id: opts.storyId } } : {}) });
  const first = opts.storyId ?? hits[0]?.story_id;
  if (!first) return hits;
  const seen = new Set(hits.map((h) => h.citation_id));
  const add = (more: SearchHit[]) => {
    for (const h of more) {
      if (seen.has(h.citation_id)) continue;
      seen.add(h.citation_id);
      hits.push(h);
    }
  };
  if (!opts.storyId) add(await retriever.search({ query: question, limit: opts.limit, filter: { story_id: first } }));
  // "Is any of the coverage an opinion piece?": the first story's passages as searched in the words they use ("perspective").
  // What that search routes by date or id the question did not ask.
  const folded = fold(question);
  const inTheirWords = inPassageWords(folded);
  if (inTheirWords !== folded) add((await retriever.search({ query: inTheirWords, limit: opts.limit, filter: { story_id: first } })).filter((h) => !h.route));
  // Each passage's words folded once, as nameTokens folds the question's.
  const texts = hits.map((h) => fold(`${h.context ?? ''} ${h.text}`).toLowerCase());
  const missing = nameTokens(question).filter((n) => !n.opening && !texts.some((t) => t.includes(n.name.toLowerCase())));
  if (missing.length) add(await retriever.search({ query: missing.map((n) => n.name).join(' '), limit: NAMED_LIMIT, mode: 'keyword', filter: { story_id: first } }));
  // "X config tool truncating passwords - is there a CVE for that?": the CVE asked for is named by the story's own
  // vulnerability lines, when none of the passages gathered names one.
  if (CVE_ASKED.test(question) && !CVE_ID.test(question) && !hits.some((h) => h.story_id === first && CVE_ID.test(h.text))) add(await retriever.search({ query: question, limit: CVE_LIMIT, filter: { story_id: first, kinds: ['vulnerability'] } }));
  // The first story's fact line of a label, looked up by its label's word when no gathered passage is that line.
  const addLine = async (line: RegExp, label: string) => {
    if (!hits.some((h) => h.story_id === first && line.test(h.text))) add(await retriever.search({ query: label, limit: 1, mode: 'keyword', filter: { story_id: first, kinds: ['entity'] } }));
  };
  // "Which of the X bugs has the top CVSS score?": all of the story's score lines, to compare.
  if (HIGHEST_ASKED.test(question) && SCORE_ASKED.test(question)) add(await retriever.search({ query: question, limit: SCORES_LIMIT, filter: { story_id: first, kinds: ['vulnerability'] } }));
  // "What kinds of bugs did CISA flag in X?" is told by the story's Weaknesses line, which names each.
  if (FLAW_KIND_ASKED.test(question) && !CVE_ID.test(question)) await addLine(WEAKNESSES_LINE, 'weaknesses');
  // "Which module?", "what was the device?": the product asked for is named by the advisory's title, and its models by its Products line.
  if (asksForProductKind(expected(question))) await addLine(PRODUCTS_LINE, 'products');
  // "Which publishers covered it more than once?", "the two Lawfare pieces", "any think-tank analysis among the references?":
  // a question of the story's sources is told by all of them, each outlet's and each kind of outlet's.
  if (REPEATED_OUTLET.test(question) || SOURCE_ASKED.test(question)) add(await retriever.search({ query: question, limit: SOURCES_LIMIT, filter: { story_id: first, kinds: ['source'] } }));
  return hits;
}
