import { normalizeName, type PassageFilter } from '../types.js';

/** A vector as a SQLite BLOB of 32-bit floats. */
export const vectorToBlob = (v: readonly number[]) => Buffer.from(new Float32Array(v).buffer);

/** A BLOB written by vectorToBlob, viewed as 32-bit floats without copying. */
export const blobToFloat32 = (b: Buffer) => new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);

/** A BLOB written by vectorToBlob, back as numbers. */
export const blobToVector = (b: Buffer) => Array.from(blobToFloat32(b));

/** SQL and parameters for a passage filter over `passages p JOIN stories s`. */
export function filterSql(f: PassageFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.story_id) {
    clauses.push('p.story_id = ?');
    params.push(f.story_id);
  }
  if (f.story_ids) {
    clauses.push('p.story_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.story_ids));
  }
  if (f.kinds?.length) {
    clauses.push(`p.kind IN (${f.kinds.map(() => '?').join(',')})`);
    params.push(...f.kinds);
  }
  // A passage is dated by its own date (timeline events, sources), else by its story's
  // publication date; undated passages fall outside any date range.
  if (f.since) {
    clauses.push('COALESCE(p.date, s.published) >= ?');
    params.push(f.since);
  }
  if (f.until) {
    clauses.push('COALESCE(p.date, s.published) <= ?');
    params.push(f.until);
  }
  if (f.entity) {
    const e = entityClause(f.entity);
    clauses.push(`p.story_id IN (${e.sql})`);
    params.push(...e.params);
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1', params };
}

/** A subquery of the story ids that name an entity. */
export function entityClause(e: { name: string; type?: string }): { sql: string; params: unknown[] } {
  return e.type
    ? { sql: 'SELECT story_id FROM story_entities WHERE norm = ? AND type = ?', params: [normalizeName(e.name), e.type.toLowerCase()] }
    : { sql: 'SELECT story_id FROM story_entities WHERE norm = ?', params: [normalizeName(e.name)] };
}

/** Query words as quoted FTS5 phrases, so that user text can never be read as FTS5 syntax. */
export const ftsPhrases = (terms: readonly string[]): string[] => terms.map((t) => `"${t.replace(/"/g, '""')}"`);

/** An FTS5 MATCH expression that ORs the words; null when there is nothing to search for. */
export const ftsMatch = (terms: readonly string[]): string | null => (terms.length ? ftsPhrases(terms).join(' OR ') : null);
