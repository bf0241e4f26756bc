import type { Embedder } from '../embed/embedder.js';
import { yieldToEventLoop } from '../event-loop.js';
import { hasVector, type Passage } from '../story/passage.js';
import type { PassageKind } from '../story/schema.js';
import type { Store } from '../store/store.js';
import { normalizeName, type KeywordTop, type PassageFilter, type StoryHead } from '../store/types.js';
import { fuse, type FusionOptions, type RankedList } from './fusion.js';
import { CREDIT_TEXT, CVES_LINE, FLAW_DESCRIPTION, flawDescriptionAt, NO_FIX, NO_INTENT, queryIntent, questionProper, temporalIntent, type QueryIntent } from './intent.js';
import { queryTerms, stem, withAcronymsSpelled, withNamesJoined, withUmlautsFolded, wordStems } from './query.js';
import { temporalAnswer } from './temporal.js';
import { withCountriesNamed } from './countries.js';
import { speaksOfVersion, VERSIONS_NAMED } from './versions.js';

/** Which retrievers run. Hybrid is the default; the others exist for measurement ('exact' is brute-force vector search). */
export type SearchMode = 'hybrid' | 'keyword' | 'vector' | 'exact';

/** A passage found for a query, with how it was found. */
export interface SearchHit extends Passage {
  story_title: string;
  /** Relevance after fusion and reranking; only comparable within one result list. */
  score: number;
  /** Cosine similarity of the passage to the query, when the vector retriever found it. */
  similarity: number | null;
  /**
   * For a passage without a vector (VECTOR_KINDS), the highest cosine similarity to the query
   * among its story's passages the vector retriever found: the closeness in meaning of the
   * prose it belongs to, which is all that can stand for its own. Absent for other passages.
   */
  story_similarity?: number | null;
  /** 1-based rank in the keyword (BM25) list, when it was there. */
  keyword_rank: number | null;
  /**
   * How the question itself routed to this passage, beyond relevance: "identifier" (its
   * story names a CVE, CWE or advisory id the question gives) or "timeline" (it answers a
   * temporal question from the dated timeline).
   */
  route: 'identifier' | 'timeline' | null;
}

/** A search request. */
export interface SearchRequest {
  query: string;
  filter?: PassageFilter;
  limit: number;
  mode?: SearchMode;
}

/** Options for hybrid retrieval. */
export interface RetrieverOptions {
  fusion: FusionOptions;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
}

/** Searches stored passages for a query. */
export interface Retriever {
  search(req: SearchRequest): Promise<SearchHit[]>;
  /**
   * Searches `questions` in hybrid mode with a fixed query vector, embedding nothing, so that V8
   * has compiled the search code before a user's first question; the results are dropped.
   */
  warmUp?(questions: readonly string[]): Promise<void>;
}

/** Stories an identifier names whose passages are brought into the candidates. */
const MAX_IDENTIFIED_STORIES = 20;
/** Query embeddings kept (a client often repeats or refines a query). */
const QUERY_CACHE_SIZE = 256;

// Reranking weights, measured on the question sets (npm run eval): a passage of a story that
// an identifier in the question names moves up; kind cues (CVSS, fix, who reported...) add
// their own weight. Title and context words need no bonus here: BM25 already weighs them.
const IDENTIFIED_BONUS = 1;
/** For a story whose candidate passages together hold every word of the question (squared share). */
const STORY_COVERAGE_BONUS = 0.4;
/** For a story published or updated on the day, month or year the question names. */
const DATE_BONUS = 0.5;
/** The CVE a score line is for: "CVE-2023-6926: CVSS v3.1 base score 8.4 (HIGH), ...". */
const SCORE_LINE_CVE = /^CVE-\d{4}-\d+/u;
/** A fix that states a version: "Update to V16.1", "firmware v4.4 SP7", "Main r515". */
const STATES_VERSION = /\b[vV]?\d+(?:\.\d+)+\b|\b[vV]\d+\b|\br\d{2,}\b/u;
const TEMPORAL_BONUS = 2;


/**
 * Hybrid retrieval: BM25 over FTS5 (passage text and its context) and cosine similarity over
 * the HNSW index (or an exact scan of a small filtered set), fused (convex or RRF), then
 * reranked with what the question says: identifiers (CVE, CWE, advisory ids) bring the
 * stories that name them first, temporal questions are answered from the dated timeline,
 * and kind cues favour the passages that answer such questions. Duplicate texts are removed.
 */
export function createRetriever(store: Store, embedder: Embedder, opts: RetrieverOptions): Retriever {
  const cache = new Map<string, Promise<number[]>>();
  const embedQuery = (text: string): Promise<number[]> => {
    const hit = cache.get(text);
    if (hit) {
      // Refresh its place: the map keeps insertion order, oldest first.
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const v = embedder.embedQuery(text);
    v.catch(() => cache.delete(text));
    cache.set(text, v);
    if (cache.size > QUERY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return v;
  };

  function rerank(fused: Map<string, number>, passages: Map<string, Passage>, heads: Map<string, StoryHead>, intent: QueryIntent, query: string, identified: Set<string>): Map<string, number> {
    const terms = queryTerms(query).map(stem);
    // What each story's candidates say together: the right advisory holds all of the
    // question's words somewhere (product in the title, weakness in the body), a near miss only some.
    const storyWords = new Map<string, Set<string>>();
    for (const id of fused.keys()) {
      const p = passages.get(id);
      if (!p) continue;
      const words = storyWords.get(p.story_id) ?? new Set(wordStems(heads.get(p.story_id)?.title ?? ''));
      for (const w of wordStems(`${p.context} ${p.text}`)) words.add(w);
      storyWords.set(p.story_id, words);
    }
    const out = new Map<string, number>();
    for (const [id, score] of fused) {
      const p = passages.get(id);
      if (!p) continue;
      const head = heads.get(p.story_id);
      let s = score;
      if (identified.has(p.story_id)) s += IDENTIFIED_BONUS;
      if (terms.length) {
        const words = storyWords.get(p.story_id)!;
        s += STORY_COVERAGE_BONUS * (terms.filter((t) => words.has(t)).length / terms.length) ** 2;
      }
      if (intent.datePrefix && [head?.published, head?.updated].some((d) => d?.startsWith(intent.datePrefix!))) s += DATE_BONUS;
      s += intent.kindBoost[p.kind] ?? 0;
      out.set(id, s);
    }
    return out;
  }

  const retriever = {
    /** `fixedVector` stands in for the query embedding (warm-up). */
    async search(request: SearchRequest, fixedVector?: number[]): Promise<SearchHit[]> {
      const mode = request.mode ?? 'hybrid';
      // Understood, the question is read without the asker's instructions on the answer's form.
      const req = mode === 'hybrid' ? { ...request, query: questionProper(request.query) } : request;
      const filter = req.filter ?? {};
      const depth = Math.max(opts.candidates, req.limit);
      const understood = mode === 'hybrid';
      // The latest or the earliest event asked for in a lead the question proper leaves out ("... with the newest item
      // on top. What goes at the top?") is still what is asked: the timeline answers.
      const proper = understood ? queryIntent(req.query) : NO_INTENT;
      const whole = understood && !proper.temporal ? temporalIntent(request.query) : null;
      const intent: QueryIntent = whole?.type === 'latest' || whole?.type === 'earliest' ? { ...proper, temporal: whole } : proper;

      // The query embedding starts first: an embedding endpoint computes it while the keyword
      // search and identifier routes run here (SQLite reads hold this thread, so one yield lets
      // the request leave before them; a cached embedding needs none).
      let queryVector: Promise<number[]> | null = null;
      if (mode !== 'keyword') {
        await store.checkEmbedder();
        const cached = fixedVector !== undefined || cache.has(req.query);
        queryVector = fixedVector ? Promise.resolve(fixedVector) : embedQuery(req.query);
        queryVector.catch(() => undefined); // awaited below; an early rejection is not unhandled
        if (!cached) await yieldToEventLoop();
      }

      // The passes below each read the story in question's passages: the same story, read once.
      let storyRead: { id: string; passages: Promise<Passage[]> } | undefined;
      const passagesOfStory = (id: string) => (storyRead?.id === id ? storyRead : (storyRead = { id, passages: store.passagesOf(id) })).passages;

      const keyword: RankedList = { ids: [], scores: [] };
      // A flaw's acronym is searched in the words advisories spell it with ("XSS": cross-site scripting),
      // two words as one too ("Dark Reading": darkreading.com), a demonym with its country ("Finnish": Finland),
      // "ue" for an umlaut as FTS5 folds it ("Geutebrueck": Geutebruck).
      const terms = mode === 'vector' || mode === 'exact' ? [] : queryTerms(withCountriesNamed(withUmlautsFolded(withNamesJoined(withAcronymsSpelled(req.query)))));
      // Hits left out hold only terms half the store holds: they would have scored about 0.
      const addKeyword = (r: KeywordTop) => {
        for (const hit of r.hits) {
          if (keyword.ids.includes(hit.id)) continue;
          keyword.ids.push(hit.id);
          keyword.scores.push(hit.score);
        }
        if (r.omittedUpTo !== null) keyword.floor = 0;
      };
      addKeyword(await store.keywordTop(terms, filter, depth));
      // Identifiers go straight to the stories that name them: their best keyword matches join
      // the keyword list (BM25 scores share one scale whatever the filter), so fusion ranks them.
      const identified = new Set(intent.identifiers.length ? await store.storiesIdentifiedBy(intent.identifiers, MAX_IDENTIFIED_STORIES) : []);
      if (identified.size) addKeyword(await store.keywordTop(terms, { ...filter, story_ids: [...identified] }, depth));
      // So do the best matches of what was published on the day, month or year the question names
      // ("Hitachi Energy's August 2023 advisory"): more common words may rank them below the depth.
      if (intent.datePrefix && !filter.since && !filter.until) addKeyword(await store.keywordTop(terms, { ...filter, since: intent.datePrefix, until: `${intent.datePrefix}\uffff` }, depth));

      // A search of one story's passages of kinds that carry no vector (its sources, its fixes) has no meaning half to
      // find what its words miss: the rest of them follow its keyword matches, so such a search finds all of them
      // ("how many articles is it built from" holds no word of a headline).
      const kinds = filter.kinds;
      if (mode === 'hybrid' && filter.story_id && kinds?.length && !kinds.some((k) => hasVector({ kind: k })) && !filter.since && !filter.until) {
        for (const p of await passagesOfStory(filter.story_id)) {
          if (!kinds.includes(p.kind) || keyword.ids.includes(p.citation_id)) continue;
          keyword.ids.push(p.citation_id);
          keyword.scores.push(0);
        }
      }

      const vector: RankedList = { ids: [], scores: [] };
      const similarity = new Map<string, number>();
      if (queryVector) {
        for (const h of await store.vectorSearch(await queryVector, filter, depth, { exact: mode === 'exact' })) {
          vector.ids.push(h.id);
          vector.scores.push(h.similarity);
          similarity.set(h.id, h.similarity);
        }
      }
      const passages = await store.getPassages([...new Set([...keyword.ids, ...vector.ids])]);
      const heads = await store.storyHeads([...passages.values()].map((p) => p.story_id));
      // In hybrid search a passage without a vector (VECTOR_KINDS) is judged on its keywords, and
      // for meaning on its story's passages that have one (see KeywordOnly).
      // (A store not yet re-cut since the rule may still hold vectors for them: those count as found.)
      const keywordOnly =
        mode === 'hybrid'
          ? { ids: new Set([...passages.values()].filter((p) => !hasVector(p) && !similarity.has(p.citation_id)).map((p) => p.citation_id)), storyOf: (id: string) => passages.get(id)?.story_id }
          : undefined;
      const fused = fuse(keyword, vector, opts.fusion, keywordOnly);
      const scores = understood ? rerank(fused, passages, heads, intent, req.query, identified) : fused;
      const titles = new Map([...heads].map(([id, h]) => [id, h.title]));
      const timelineRouted = new Set<string>();
      // The story a question is about: the filter's, else that of the best-scored passage (whose
      // score is the top of any story's, as a filter to one story leaves no other).
      const storyInQuestion = () => {
        const best = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
        return { storyId: filter.story_id ?? (best ? passages.get(best[0])?.story_id : undefined), top: best?.[1] ?? 0 };
      };

      const kindPasses = (kind: PassageKind) => !filter.kinds || filter.kinds.includes(kind);
      // Passages that answer what is asked lead the story in question: just above its best
      // passage's score (top), in the order given.
      const leadInOrder = (ordered: readonly Passage[], top: number) =>
        ordered.forEach((p, i) => {
          passages.set(p.citation_id, p);
          scores.set(p.citation_id, top + 2e-3 - 1e-5 * i);
        });

      // "Which version fixes ...", or a fix for a version the question runs ("which patch should
      // 1.3 users apply"): of the fixes of the story in question, those that state a version.
      // Another advisory's versions answer nothing.
      const named = req.query.match(VERSIONS_NAMED) ?? [];
      if ((intent.fixVersion || (named.length > 0 && (intent.kindBoost.remediation ?? 0) > 0)) && kindPasses('remediation') && !filter.since && !filter.until) {
        const { storyId, top } = storyInQuestion();
        // They lead the story (remediation passages carry no vector, and their words are seldom the
        // question's): its prose and scores say what is wrong, a fix that states a version
        // answers. A fix for the version the question runs ("we run 12.1.2": "Versions 12.1.0
        // through 12.1.3: Update to ...") first, then as relevance ranked them.
        const fixes = (storyId ? await passagesOfStory(storyId) : []).filter((p) => p.kind === 'remediation' && STATES_VERSION.test(p.text));
        const forVersion = (p: Passage) => (named.length > 0 && named.every((v) => speaksOfVersion(p.text, v)) ? 1 : 0);
        const order = fixes
          .map((p) => ({ p, key: forVersion(p), score: scores.get(p.citation_id) ?? -Infinity }))
          .sort((a, b) => b.key - a.key || b.score - a.score || a.p.ordinal - b.p.ordinal);
        leadInOrder(order.map(({ p }) => p), top);
      }

      // A question that asks for names ("which bodies are named") is answered by the entity
      // lines of the story it is about. They carry no vector (VECTOR_KINDS) and their words
      // ("Agencies: ...") are seldom the question's, so they join here, right below the story's
      // best passage. The story passed the filter; a kind or date filter could leave them out.
      const entityLinesPass = (!filter.kinds || filter.kinds.includes('entity')) && !filter.since && !filter.until;
      if (entityLinesPass && (intent.kindBoost.entity ?? 0) > 0) {
        const { storyId, top } = storyInQuestion();
        if (storyId) {
          for (const p of await passagesOfStory(storyId)) {
            if (p.kind !== 'entity' || hasVector(p)) continue;
            passages.set(p.citation_id, p);
            scores.set(p.citation_id, Math.max(scores.get(p.citation_id) ?? -Infinity, top - 1e-6 * (p.ordinal + 1)));
          }
        }
      }

      // "X vulnerabilities": the story's CVEs line, right below its best passage; above it when
      // the CVE ids themselves are asked for ("which CVEs were published for X"). What the flaws
      // are ("what are the X vulnerabilities") is told by the passages that describe each, which
      // lead, below the CVEs line.
      if (entityLinesPass && intent.listsFlaws) {
        const { storyId, top } = storyInQuestion();
        if (storyId) {
          for (const p of await passagesOfStory(storyId)) {
            const cves = p.kind === 'entity' && CVES_LINE.test(p.text);
            const described = intent.listsFlaws === 'described' && p.kind === 'body' && FLAW_DESCRIPTION.test(p.text);
            if (!cves && !described) continue;
            passages.set(p.citation_id, p);
            const leads = top + 1e-3 - 1e-6 * p.ordinal;
            const score = !cves || intent.listsFlaws === 'cves' ? leads : intent.listsFlaws === 'described' ? top + 2e-3 : top - 1e-6;
            scores.set(p.citation_id, Math.max(scores.get(p.citation_id) ?? -Infinity, score));
          }
        }
      }

      // Some of the story in question's passages answer a kind of question first, right above its
      // best passage; their words are seldom the question's.
      const leadWith = async (answers: (p: Passage) => boolean) => {
        const { storyId, top } = storyInQuestion();
        if (!storyId) return;
        for (const p of await passagesOfStory(storyId)) {
          if (!answers(p)) continue;
          passages.set(p.citation_id, p);
          scores.set(p.citation_id, top + 1e-3 - 1e-6 * p.ordinal);
        }
      };
      // "Who reported the flaw": its credits (its People and Organizations lines, the sentence of who reported it).
      if (entityLinesPass && intent.credit) await leadWith((p) => CREDIT_TEXT.test(p.text));
      // "What is CVE-X": the prose that describes it ("CVE-X: ... An attacker could overflow a buffer
      // ..."); its score line and CVEs line say only what kind of flaw it is.
      const described = intent.describes;
      if (described && kindPasses('body')) await leadWith((p) => flawDescriptionAt(p, described) >= 0);
      // "Is there a patch", "will X fix it": a fix that says there is none ("end-of-life", "has not developed a fix").
      if (intent.asksForFix && kindPasses('remediation')) await leadWith((p) => p.kind === 'remediation' && NO_FIX.test(p.text));
      // "When was the X advisory released": its dated revision history, whose words are seldom the question's.
      if (intent.published && kindPasses('timeline') && !filter.since && !filter.until) await leadWith((p) => p.kind === 'timeline' && p.date != null);

      // "What is the CVSS of X": the score line of the flaw the question is about leads; its words
      // are seldom the question's. That flaw is the CVE the question names, else the story's only
      // one, else the one whose other passages (its description, "CVE-X: ...") ranked best.
      if (intent.asksScore && kindPasses('vulnerability')) {
        const { storyId, top } = storyInQuestion();
        const lines = (storyId ? await passagesOfStory(storyId) : []).flatMap((p) => {
          const cve = p.kind === 'vulnerability' ? SCORE_LINE_CVE.exec(p.text)?.[0] : undefined;
          return cve ? [{ p, cve }] : [];
        });
        const namedCves = intent.identifiers.filter((id) => id.startsWith('CVE-'));
        const best = (cve: string) => {
          let max = -Infinity;
          for (const [id, score] of scores) {
            const p = passages.get(id);
            if (p && p.story_id === storyId && p.kind !== 'vulnerability' && p.text.includes(cve)) max = Math.max(max, score);
          }
          return max;
        };
        const asked = namedCves.length
          ? lines.filter((l) => namedCves.includes(l.cve))
          : lines.length === 1
            ? lines
            : lines.map((l) => ({ ...l, score: best(l.cve) })).filter((l) => l.score > -Infinity).sort((x, y) => y.score - x.score).slice(0, 1);
        leadInOrder(asked.map(({ p }) => p), top);
      }

      // Temporal questions: the timeline of the story in question answers, in date order.
      if (intent.temporal) {
        const { storyId } = storyInQuestion();
        if (storyId) {
          const ordered = await temporalAnswer(store, storyId, intent.temporal, filter);
          // The timeline's order decides among them, above everything relevance found.
          const above = Math.max(0, ...scores.values()) + TEMPORAL_BONUS;
          ordered.forEach((p, i) => {
            passages.set(p.citation_id, p);
            timelineRouted.add(p.citation_id);
            scores.set(p.citation_id, above - i * 0.01);
          });
          if (ordered.length && !titles.has(storyId)) for (const [k, v] of await store.storyHeads([storyId])) titles.set(k, v.title);
        }
      }

      const keywordRank = new Map(keyword.ids.map((id, i) => [id, i + 1]));
      const storySimilarity = new Map<string, number>();
      for (const [id, sim] of similarity) {
        const story = passages.get(id)?.story_id;
        if (story !== undefined && sim > (storySimilarity.get(story) ?? -Infinity)) storySimilarity.set(story, sim);
      }
      const seenText = new Set<string>();
      const out: SearchHit[] = [];
      for (const [id, score] of [...scores.entries()].sort((a, b) => b[1] - a[1])) {
        const p = passages.get(id);
        if (!p) continue;
        // (The same words on another day are another event: an advisory revised under its first title.)
        const key = p.kind === 'timeline' ? `${p.date ?? ''}\n${normalizeName(p.text)}` : normalizeName(p.text);
        if (seenText.has(key)) continue;
        seenText.add(key);
        out.push({
          ...p,
          story_title: titles.get(p.story_id) ?? p.story_id,
          score,
          similarity: similarity.get(id) ?? null,
          ...(hasVector(p) ? {} : { story_similarity: storySimilarity.get(p.story_id) ?? null }),
          keyword_rank: keywordRank.get(id) ?? null,
          route: timelineRouted.has(id) ? 'timeline' : identified.has(p.story_id) ? 'identifier' : null,
        });
        if (out.length >= req.limit) break;
      }
      return out;
    },
    async warmUp(questions: readonly string[]) {
      const fixed = Array.from({ length: embedder.info.dimensions }, (_, i) => (i === 0 ? 1 : 0));
      for (const query of questions) await retriever.search({ query, limit: 10 }, fixed);
    },
  };
  return retriever;
}
