import { normalizeName, type PassageFilter } from '../types.js';

/** Collects statement parameters and hands out their `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  /** The placeholder for `value`, cast when a cast is given (`$3::text[]`). */
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

/**
 * A PostgreSQL array literal of texts (pass it as text and cast: `$1::text[]`). Both drivers
 * take a string the same way, where their handling of JS arrays differs.
 */
export function textArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** A vector as pgvector's text form. */
export const vectorLiteral = (v: ArrayLike<number>) => `[${Array.from(v, (x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;

/** pgvector's text form back as numbers. */
export const parseVector = (s: string) => JSON.parse(s) as number[];

/** The text search configuration: English stemming, as SQLite's porter tokenizer stems. */
export const TS_CONFIG = 'english';

/**
 * A tsquery matching any of `terms` (lower-cased query words), built by PostgreSQL itself so
 * that user text is never read as tsquery syntax; NULL when every term is a stop word.
 */
export function anyTermQuery(p: Params, terms: readonly string[]): string {
  return `(SELECT string_agg('(' || q::text || ')', ' | ')::tsquery FROM
    (SELECT plainto_tsquery('${TS_CONFIG}', t) AS q FROM unnest(${p.add(textArray(terms), 'text[]')}) t) x WHERE q::text <> '')`;
}

/** SQL and parameters for a passage filter over `passages p JOIN stories s`. */
export function filterSql(f: PassageFilter, p: Params): string {
  const clauses: string[] = [];
  if (f.story_id) clauses.push(`p.story_id = ${p.add(f.story_id)}`);
  if (f.story_ids) clauses.push(`p.story_id = ANY(${p.add(textArray(f.story_ids), 'text[]')})`);
  if (f.kinds?.length) clauses.push(`p.kind = ANY(${p.add(textArray(f.kinds), 'text[]')})`);
  // A passage is dated by its own date (timeline events, sources), else by its story's
  // publication date; undated passages fall outside any date range.
  if (f.since) clauses.push(`COALESCE(p.date, s.published) >= ${p.add(f.since)}`);
  if (f.until) clauses.push(`COALESCE(p.date, s.published) <= ${p.add(f.until)}`);
  if (f.entity) clauses.push(`p.story_id IN (${entityClause(f.entity, p)})`);
  return clauses.length ? clauses.join(' AND ') : 'TRUE';
}

/** A subquery of the story ids that name an entity. */
export function entityClause(e: { name: string; type?: string }, p: Params): string {
  const norm = `SELECT story_id FROM story_entities WHERE norm = ${p.add(normalizeName(e.name))}`;
  return e.type ? `${norm} AND type = ${p.add(e.type.toLowerCase())}` : norm;
}
