import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { StorylineError } from '../errors.js';
import { branchesTooDeep, csafSchema, csafToStory, isCsaf, MAX_BRANCH_DEPTH } from './csaf.js';
import { jsonErrorOffset } from './json-syntax.js';
import { isKevCatalog, kevCatalogSchema, type KevCatalog } from './kev.js';
import { storySchema, type Story } from './schema.js';

/** A story file that cannot be used, with the file and the field at fault. */
export class StoryFileError extends StorylineError {
  constructor(
    readonly file: string,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super('input', `${file}: ${field ? `field "${field}" ` : ''}${reason}`);
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

// The file's values never appear in an error (the file may hold secrets and not be a story at
// all): zod's messages name types and expected values, except for unknown keys, given as paths.
function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
}

// An unknown key is reported as the field path it makes (shortened: it is the file's own text).
function issuePath(issue: z.core.$ZodIssue): string {
  const base = fieldPath(issue);
  if (issue.code !== 'unrecognized_keys' || !issue.keys[0]) return base;
  const key = issue.keys[0].length > 64 ? `${issue.keys[0].slice(0, 64)}…` : issue.keys[0];
  return base ? `${base}.${key}` : key;
}

function check<T>(file: string, schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issuePath(issue) : '';
  throw new StoryFileError(file, field || null, issue ? issueMessage(issue) : `is not a valid ${what}`);
}

/** Validates parsed JSON as a story (or converts a CSAF advisory); errors name the file and field. */
export function parseStory(file: string, data: unknown, format: StoryFormat = detectFormat(data)): Story {
  return perFile(file, () => {
    if (format !== 'csaf') return check(file, storySchema, data, 'story');
    // Before validation: the recursive branch schema would overflow the stack on deep trees.
    if (branchesTooDeep(data)) throw new StoryFileError(file, 'product_tree.branches', `nests deeper than ${MAX_BRANCH_DEPTH} levels; refused`);
    return check(file, storySchema, csafToStory(check(file, csafSchema, data, 'CSAF 2.0 document')), 'story');
  });
}

/**
 * Anything unexpected while reading or converting one file (a stack overflow, a bug an odd
 * document reaches) becomes that file's error, which `--keep-going` can skip. Only the
 * error's kind is reported: its message may quote the file.
 */
function asFileError(file: string, err: unknown): StoryFileError {
  if (err instanceof StoryFileError) return err;
  if (err instanceof RangeError && /call stack/i.test(err.message)) return new StoryFileError(file, null, 'is nested too deeply to read');
  return new StoryFileError(file, null, `could not be read (unexpected ${err instanceof Error ? err.name : 'error'})`);
}

function perFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asFileError(file, err);
  }
}

/** Reads and validates one story file (story JSON or CSAF 2.0; `format` overrides detection). */
export async function loadStoryFile(file: string, format?: StoryFormat): Promise<Story> {
  return parseStory(file, await readJson(file), format);
}

/** Line and column (from 1) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where and why JSON.parse rejected `raw`, without its content (V8's message quotes the text around the error). */
function jsonSyntaxError(raw: string, message: string): string {
  const offset = jsonErrorOffset(raw);
  // V8's wording before " in JSON" / " after JSON" is fixed text; "Unexpected token" messages quote the input.
  const lead = /^([A-Za-z '{}[\]:,-]{1,80}?) (?:in|after) JSON\b/.exec(message)?.[1];
  const kind = /^Unexpected token/.test(message) ? 'unexpected character'
    : /^Unexpected end/.test(message) ? 'unexpected end of input'
      : lead ? lead.charAt(0).toLowerCase() + lead.slice(1) : 'syntax error';
  const at = lineColumn(raw, Math.min(offset, raw.length));
  return `is not valid JSON: ${kind} at line ${at.line}, column ${at.column}`;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return await readJsonUnguarded(file);
  } catch (err) {
    throw asFileError(file, err);
  }
}

async function readJsonUnguarded(file: string): Promise<unknown> {
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
  const raw = await readFile(file, 'utf8').catch(() => {
    throw new StoryFileError(file, null, 'cannot be read');
  });
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new StoryFileError(file, null, jsonSyntaxError(raw, (err as Error).message));
  }
  return data;
}

/** One input file: a story (story JSON or CSAF) or the KEV catalog. */
export type IngestInput = { kind: 'story'; story: Story } | { kind: 'kev'; catalog: KevCatalog };

/** Reads one input file, recognising the KEV catalog by its catalogVersion. */
export async function loadIngestFile(file: string): Promise<IngestInput> {
  const data = await readJson(file);
  if (isKevCatalog(data)) return perFile(file, () => ({ kind: 'kev', catalog: check(file, kevCatalogSchema, data, 'KEV catalog') }));
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
