// Moving a store between engines (SQLite -> PostgreSQL, or one machine to another) as a JSON
// Lines file that carries the vectors, so nothing is re-embedded. It uses only the Store
// interface, so any engine can export and any engine can import.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import type { EmbedderInfo } from '../embed/embedder.js';
import { UserError } from '../errors.js';
import { kevEntrySchema, type KevEntry } from '../story/kev.js';
import { embedKey, hasVector, passageSchema } from '../story/passage.js';
import { storySchema } from '../story/schema.js';
import type { Store } from './store.js';
import type { StoryWrite } from './types.js';

/**
 * Bumped when a line's shape changes; import refuses files of a format it does not know. 2: a
 * passage of a kind without a vector (VECTOR_KINDS) has null for its vector. Format 1 files
 * (a vector for every passage) still import; the vectors of those kinds are not stored.
 */
export const EXPORT_FORMAT = 2;

const headerSchema = z.strictObject({
  type: z.literal('storyline-export'),
  format: z.union([z.literal(1), z.literal(EXPORT_FORMAT)]),
  exported_at: z.string(),
  embedder: z.strictObject({ provider: z.string(), model: z.string(), dimensions: z.number().int().positive() }),
});

const storyLineSchema = z.strictObject({
  type: z.literal('story'),
  story: storySchema,
  hash: z.string().min(1),
  passages: z.array(passageSchema),
  /** Per passage, in passage order: its base64 little-endian float32 vector, or null for a kind without one. */
  vectors: z.array(z.string().nullable()),
});

const kevLineSchema = z.strictObject({
  type: z.literal('kev'),
  catalog_version: z.string().min(1),
  entries: z.array(kevEntrySchema),
});

const subscriptionLineSchema = z.strictObject({
  type: z.literal('subscription'),
  subscription: z.strictObject({
    id: z.string().min(1),
    owner: z.string().min(1),
    name: z.string().min(1),
    query: z.string().nullable(),
    /** base64 float32, as passage vectors. */
    query_vector: z.string().nullable(),
    threshold: z.number(),
    entities: z.array(z.string()),
    follow_story_id: z.string().nullable(),
    affects_assets: z.strictObject({ min_confidence: z.enum(['exact', 'high', 'low']) }).nullable(),
    target: z.discriminatedUnion('type', [z.strictObject({ type: z.literal('webhook'), url: z.string() }), z.strictObject({ type: z.literal('outbox'), name: z.string() })]),
    status: z.enum(['active', 'paused', 'disabled']),
    disabled_reason: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
  /** Sealed with the source store's secret key; the target must hold the same key. */
  sealed_secret: z.string().min(1),
});

const endSchema = z.strictObject({
  type: z.literal('end'),
  stories: z.number().int().nonnegative(),
  passages: z.number().int().nonnegative(),
  kev_entries: z.number().int().nonnegative(),
  subscriptions: z.number().int().nonnegative(),
});

const lineSchema = z.discriminatedUnion('type', [headerSchema, storyLineSchema, kevLineSchema, subscriptionLineSchema, endSchema]);
type Line = z.infer<typeof lineSchema>;

/** What an export or import moved. */
export interface TransferCounts {
  stories: number;
  passages: number;
  kev_entries: number;
  subscriptions: number;
}

/** Options for export and import. */
export interface TransferOptions {
  /** Called after each story with the number done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Import: whether this store's secret key opens a sealed signing secret. Checked for every
   * subscription before anything is written; without it subscriptions are refused.
   */
  opensSecret?: (sealed: string) => boolean;
}

const encodeVector = (v: readonly number[]) => Buffer.from(new Float32Array(v).buffer).toString('base64');

/** The vector's bytes, checked to hold `dimensions` float32s (the import's first pass needs only this). */
function vectorBytes(b64: string, dimensions: number, where: string): Buffer {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.byteLength !== dimensions * 4) {
    throw new UserError(`${where}: a vector has ${bytes.byteLength / 4} dimensions, the file's embedder has ${dimensions}`);
  }
  return bytes;
}

function decodeVector(b64: string, dimensions: number, where: string): number[] {
  const bytes = vectorBytes(b64, dimensions, where);
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, dimensions));
}

/**
 * Writes every story (with its passages and their vectors) and the KEV catalog entries of
 * `store` to `file` as JSON Lines (gzip when the name ends in .gz; "-" for stdout).
 * Subscriptions go with their sealed signing secrets; deliveries and assets are not part of the file.
 */
export async function exportStore(store: Store, embedder: EmbedderInfo, file: string, opts: TransferOptions = {}): Promise<TransferCounts> {
  const counts: TransferCounts = { stories: 0, passages: 0, kev_entries: 0, subscriptions: 0 };
  async function* lines(): AsyncGenerator<string> {
    const line = (l: Line) => `${JSON.stringify(l)}\n`;
    yield line({ type: 'storyline-export', format: EXPORT_FORMAT, exported_at: new Date().toISOString(), embedder });
    const ids = await store.storyIds();
    for (const id of ids) {
      const stored = await store.getStory(id);
      if (!stored) continue; // removed while exporting
      const passages = await store.passagesOf(id);
      const vectors = await store.vectorsOf(passages.filter(hasVector).map(embedKey));
      const encoded = passages.map((p) => {
        if (!hasVector(p)) return null;
        const v = vectors.get(embedKey(p));
        if (!v) throw new Error(`story ${id}: passage ${p.citation_id} has no stored vector`);
        return encodeVector(v);
      });
      yield line({ type: 'story', story: stored.story, hash: stored.content_hash, passages, vectors: encoded });
      counts.stories++;
      counts.passages += passages.length;
      opts.onProgress?.(counts.stories, ids.length);
    }
    for (const [catalog_version, entries] of groupByCatalog(await store.kevEntries())) {
      yield line({ type: 'kev', catalog_version, entries });
      counts.kev_entries += entries.length;
    }
    // After the stories, so an import records them before any imported subscription could match them.
    for (const sub of await store.subscriptions.list()) {
      const sealed = await store.subscriptions.sealedSecret(sub.id);
      if (sealed === null) continue; // deleted while exporting
      const { query_vector, ...rest } = sub;
      yield line({ type: 'subscription', subscription: { ...rest, query_vector: query_vector && encodeVector(query_vector) }, sealed_secret: sealed });
      counts.subscriptions++;
    }
    yield line({ type: 'end', ...counts });
  }

  if (file === '-') {
    for await (const l of lines()) if (!process.stdout.write(l)) await once(process.stdout, 'drain');
    return counts;
  }
  // Written beside the target and renamed at the end, so the name never holds a partial export.
  const partial = `${file}.partial`;
  try {
    const source = Readable.from(lines());
    if (file.endsWith('.gz')) await pipeline(source, createGzip(), createWriteStream(partial));
    else await pipeline(source, createWriteStream(partial));
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    const e = err as NodeJS.ErrnoException;
    if (e.code && e.syscall) throw new UserError(`cannot write ${file}: ${e.message}`);
    throw err;
  }
  return counts;
}

function groupByCatalog(rows: readonly { entry: KevEntry; catalogVersion: string }[]): Map<string, KevEntry[]> {
  const out = new Map<string, KevEntry[]>();
  for (const r of rows) {
    const list = out.get(r.catalogVersion) ?? [];
    list.push(r.entry);
    out.set(r.catalogVersion, list);
  }
  return out;
}

async function* readLines(file: string): AsyncGenerator<{ line: Line; n: number }> {
  const head = Buffer.alloc(2);
  try {
    const fd = await open(file, 'r');
    await fd.read(head, 0, 2, 0).finally(() => fd.close());
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UserError(e.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${e.message}`);
  }
  const raw: Readable = createReadStream(file);
  // gzip by its magic bytes, not the name, so a renamed file still reads.
  const input = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      n++;
      if (!text.trim()) continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new UserError(`${file}:${n}: not JSON (is this a storyline export?)`);
      }
      const parsed = lineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UserError(`${file}:${n}: ${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'invalid line'}`);
      }
      yield { line: parsed.data, n };
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/**
 * Checks a whole export file first (format, embedder, every line, the closing counts), so a
 * truncated or damaged file imports nothing; then writes its stories through `store.write`
 * (write hooks run, so derived rows such as advisory products are rebuilt) and its KEV entries.
 * Stories already stored with the same content hash are skipped, so an import can be re-run.
 */
export async function importStore(store: Store, embedder: EmbedderInfo, file: string, opts: TransferOptions = {}): Promise<TransferCounts & { skipped: number }> {
  const seen: TransferCounts & { vectors: number } = { stories: 0, passages: 0, kev_entries: 0, subscriptions: 0, vectors: 0 };
  let header = false;
  let end: z.infer<typeof endSchema> | null = null;
  for await (const { line, n } of readLines(file)) {
    if (!header) {
      if (line.type !== 'storyline-export') throw new UserError(`${file}:${n}: not a storyline export (the first line is its header)`);
      checkEmbedder(line.embedder, embedder, file);
      header = true;
      continue;
    }
    if (end) throw new UserError(`${file}:${n}: lines after the end line`);
    if (line.type === 'story') {
      if (line.vectors.length !== line.passages.length) throw new UserError(`${file}:${n}: ${line.passages.length} passages but ${line.vectors.length} vectors`);
      line.passages.forEach((p, i) => {
        const v = line.vectors[i];
        if (v) vectorBytes(v, embedder.dimensions, `${file}:${n}`);
        else if (hasVector(p)) throw new UserError(`${file}:${n}: passage ${p.citation_id} (${p.kind}) has no vector`);
      });
      seen.stories++;
      seen.passages += line.passages.length;
      seen.vectors += line.passages.filter(hasVector).length;
    } else if (line.type === 'kev') seen.kev_entries += line.entries.length;
    else if (line.type === 'subscription') {
      if (line.subscription.query_vector !== null) vectorBytes(line.subscription.query_vector, embedder.dimensions, `${file}:${n}`);
      if (!opts.opensSecret?.(line.sealed_secret)) {
        throw new UserError(
          `${file}:${n}: this store's secret key cannot open the signing secret of subscription ${line.subscription.id}: ` +
            'give it the source\'s key (STORYLINE_SECRET_KEY, or copy the source data directory\'s secret.key). Nothing was imported.',
        );
      }
      seen.subscriptions++;
    } else if (line.type === 'end') end = line;
    else throw new UserError(`${file}:${n}: a second header`);
  }
  if (!end) throw new UserError(`${file} is incomplete (no end line): it was cut short; export it again. Nothing was imported.`);
  if (end.stories !== seen.stories || end.passages !== seen.passages || end.kev_entries !== seen.kev_entries || end.subscriptions !== seen.subscriptions) {
    throw new UserError(
      `${file} is damaged: its end line counts ${end.stories} stories, ${end.passages} passages, ${end.kev_entries} KEV entries, ${end.subscriptions} subscriptions; ` +
        `the file holds ${seen.stories}, ${seen.passages}, ${seen.kev_entries}, ${seen.subscriptions}. Nothing was imported.`,
    );
  }

  const done = { stories: 0, passages: 0, kev_entries: 0, subscriptions: 0, skipped: 0 };
  const BATCH = 64;
  let batch: StoryWrite[] = [];
  const flush = async () => {
    if (batch.length) await store.write(batch, [], { deferIndex: true, bulkVectors: seen.vectors });
    batch = [];
  };
  try {
    for await (const { line, n } of readLines(file)) {
      if (line.type === 'kev') {
        await store.upsertKev(line.entries, line.catalog_version);
        done.kev_entries += line.entries.length;
      }
      if (line.type === 'subscription') {
        await flush(); // stories first: they are not news to a subscription that moved with them
        if (await importSubscription(store, line, embedder.dimensions)) done.subscriptions++;
      }
      if (line.type !== 'story') continue;
      if ((await store.storyHash(line.story.id)) === line.hash) done.skipped++;
      else {
        // Only passages of VECTOR_KINDS keep a vector (a format 1 file holds one for every passage).
        const vectors = line.passages.map((p, i) => {
          const v = line.vectors[i];
          return hasVector(p) && v ? decodeVector(v, embedder.dimensions, `${file}:${n}`) : null;
        });
        batch.push({ story: line.story, hash: line.hash, passages: line.passages, vectors });
        done.passages += line.passages.length;
        if (batch.length >= BATCH) await flush();
      }
      done.stories++;
      opts.onProgress?.(done.stories, seen.stories);
    }
    await flush();
  } catch (err) {
    // Batches already written stay (a rerun skips them): finish their vector index now.
    await store.ensureIndexSaved().catch(() => undefined);
    throw err;
  }
  await store.ensureIndexSaved();
  return done;
}

async function importSubscription(store: Store, line: z.infer<typeof subscriptionLineSchema>, dimensions: number): Promise<boolean> {
  const sub = line.subscription;
  if (await store.subscriptions.get(sub.id)) return false;
  const inserted = await store.subscriptions.insert({
    id: sub.id,
    owner: sub.owner,
    name: sub.name,
    query: sub.query,
    threshold: sub.threshold,
    entities: sub.entities,
    follow_story_id: sub.follow_story_id,
    affects_assets: sub.affects_assets,
    target: sub.target,
    created_at: sub.created_at,
    query_vector: sub.query_vector === null ? null : decodeVector(sub.query_vector, dimensions, sub.id),
    sealed_secret: line.sealed_secret,
    idempotency_key: null,
    request_hash: null,
  });
  if (inserted && sub.status !== 'active') {
    await store.subscriptions.update(sub.id, { name: sub.name, threshold: sub.threshold, target: sub.target, affects_assets: sub.affects_assets, status: sub.status, disabled_reason: sub.disabled_reason }, sub.updated_at);
  }
  return inserted;
}

function checkEmbedder(theirs: EmbedderInfo, ours: EmbedderInfo, file: string): void {
  if (theirs.provider === ours.provider && theirs.model === ours.model && theirs.dimensions === ours.dimensions) return;
  throw new UserError(
    `${file} holds vectors of ${theirs.provider}/${theirs.model} (${theirs.dimensions} dimensions), but this store embeds with ` +
      `${ours.provider}/${ours.model} (${ours.dimensions}). Import with the same embedder settings the export was made with, ` +
      'then run `storyline ingest --reindex` if you want to change embedder.',
  );
}
