import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

/** The real path of `p` when it lies inside one of `roots`; a clear error otherwise. */
export async function withinRoots(p: string, roots: readonly string[]): Promise<string> {
  let real: string;
  try {
    real = await realpath(p);
  } catch {
    throw new UserError(`"${p}" does not exist on the server`);
  }
  for (const root of roots) {
    const r = await realpath(root).catch(() => root);
    const rel = path.relative(r, real);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return real;
  }
  throw new UserError(`"${p}" is outside the server's ingest roots (${roots.join(', ')}); set STORYLINE_INGEST_ROOTS to allow more`);
}


/**
 * Server paths a tool was given, each resolved (a relative one from the first root) and
 * checked to lie inside `roots`.
 */
export function resolveInRoots(paths: readonly string[], roots: readonly string[]): Promise<string[]> {
  return Promise.all(paths.map((p) => withinRoots(path.resolve(roots[0] ?? process.cwd(), p), roots)));
}
