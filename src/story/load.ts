import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { csafSchema, csafToStory, isCsaf } from './csaf.js';
import { isKevCatalog, kevCatalogSchema, type KevCatalog } from './kev.js';
import { storySchema, type Story } from './schema.js';

/** A story file that cannot be used, with the file and the field at fault. */
export class StoryFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${file}: ${field ? `field "${field}" ` : ''}${reason}`);
    this.name = 'StoryFileError';
  }
}

/** Story files are at most this large; a larger one is refused before it is parsed. */
export const MAX_STORY_FILE_BYTES = 20 * 1024 * 1024;

function fieldPath(issue: z.core.$ZodIssue): string {
  return issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Input formats a story file may be in. */
export type StoryFormat = 'story' | 'csaf';

/** The format of parsed JSON: CSAF 2.0 advisories are recognised by document.csaf_version. */
export const detectFormat = (data: unknown): StoryFormat => (isCsaf(data) ? 'csaf' : 'story');

function check<T>(file: string, schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? fieldPath(issue) : '';
  throw new StoryFileError(file, field || null, issue?.message ?? `is not a valid ${what}`);
}

/** Validates parsed JSON as a story (or converts a CSAF advisory); errors name the file and field. */
export function parseStory(file: string, data: unknown, format: StoryFormat = detectFormat(data)): Story {
  if (format === 'csaf') return check(file, storySchema, csafToStory(check(file, csafSchema, data, 'CSAF 2.0 document')), 'story');
  return check(file, storySchema, data, 'story');
}

/** Reads and validates one story file (story JSON or CSAF 2.0; `format` overrides detection). */
export async function loadStoryFile(file: string, format?: StoryFormat): Promise<Story> {
  return parseStory(file, await readJson(file), format);
}

async function readJson(file: string): Promise<unknown> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new StoryFileError(file, null, 'does not exist or cannot be read');
  }
  if (!info.isFile()) throw new StoryFileError(file, null, 'is not a file');
  if (info.size > MAX_STORY_FILE_BYTES) {
    throw new StoryFileError(file, null, `is larger than ${MAX_STORY_FILE_BYTES} bytes`);
  }
  const raw = await readFile(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new StoryFileError(file, null, `is not valid JSON (${(err as Error).message})`);
  }
  return data;
}

/** One input file: a story (story JSON or CSAF) or the KEV catalog. */
export type IngestInput = { kind: 'story'; story: Story } | { kind: 'kev'; catalog: KevCatalog };

/** Reads one input file, recognising the KEV catalog by its catalogVersion. */
export async function loadIngestFile(file: string): Promise<IngestInput> {
  const data = await readJson(file);
  if (isKevCatalog(data)) return { kind: 'kev', catalog: check(file, kevCatalogSchema, data, 'KEV catalog') };
  return { kind: 'story', story: parseStory(file, data) };
}

/** Expands files and directories (recursively) into the story files they hold, sorted. */
export async function expandStoryPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new StoryFileError(p, null, 'does not exist or cannot be read');
    }
    if (info.isDirectory()) {
      const entries = await readdir(p, { recursive: true, withFileTypes: true });
      for (const e of entries) {
        if (e.isFile() && e.name.endsWith('.json')) out.push(path.join(e.parentPath, e.name));
      }
    } else {
      out.push(p);
    }
  }
  return [...new Set(out)].sort();
}
