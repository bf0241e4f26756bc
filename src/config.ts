import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import { z } from 'zod';
import { StorylineError } from './errors.js';
import { LOG_LEVELS } from './log.js';

/** The package root: the nearest folder above this module holding package.json (src/ or dist/src/). */
export const PACKAGE_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/**
 * True when this copy runs as an installed package (npm, npx, an unpacked MCP bundle), false in a git work tree.
 * An installed copy lies inside node_modules or has no .git beside package.json; its directory may be read-only or
 * replaced on update, and its working directory is wherever the client started it, so data must live elsewhere.
 */
export function isInstalled(root: string = PACKAGE_ROOT): boolean {
  return root.split(path.sep).includes('node_modules') || !existsSync(path.join(root, '.git'));
}

/**
 * The default data directory: ./.storyline in a git work tree; the platform's per-user data directory when
 * installed (~/.local/share/storyline on Linux, ~/Library/Application Support/storyline on macOS,
 * %LOCALAPPDATA%\storyline\Data on Windows).
 */
export function defaultDataDir(installed: boolean = isInstalled()): string {
  return installed ? envPaths('storyline', { suffix: '' }).data : './.storyline';
}

/** The bundled corpus directory. */
export const BUNDLED_CORPUS_DIR = path.join(PACKAGE_ROOT, 'corpus');

const positiveInt = z.coerce.number().int().positive();
// Comma-separated lists come from the environment as one string.
const csv = z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v), z.array(z.string().min(1)));
// Environment values are strings; "false" must not coerce to true.
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/** Every setting Storyline reads, with its default. One schema validates the merged result. */
export const configSchema = z.strictObject({
  dataDir: z.string().min(1).default(defaultDataDir()).describe('Where Storyline keeps its database and index'),
  corpusDir: z.string().min(1).default(BUNDLED_CORPUS_DIR).describe('Stories indexed on first start when the store is empty'),
  database: z
    .strictObject({
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL connection string: postgres://user:password@host:5432/database')
        .optional()
        .describe('PostgreSQL with pgvector (postgres://...); unset keeps the embedded SQLite store in dataDir'),
    })
    .prefault({}),
  embeddings: z
    .strictObject({
      provider: z.enum(['local', 'openai']).default('local'),
      model: z.string().min(1).default('text-embedding-3-small').describe('openai provider only'),
      dimensions: positiveInt.max(8192).default(1536).describe('openai provider only'),
      sendDimensions: bool.default(false).describe('send dimensions in the request (OpenAI v3 models)'),
      baseUrl: z.url().optional().describe('OpenAI-compatible endpoint; defaults to the OpenAI API'),
      apiKey: z.string().optional(),
      batchSize: positiveInt.max(2048).optional(),
      threads: positiveInt.max(64).default(Math.min(2, availableParallelism())).describe('local provider: worker threads for bulk embedding'),
    })
    .prefault({}),
  retrieval: z
    .strictObject({
      fusion: z.enum(['rrf', 'convex']).default('convex'),
      rrfK: positiveInt.max(1000).default(60),
      alpha: z.coerce.number().min(0).max(1).default(0.3),
      candidates: positiveInt.max(1000).default(50),
      efSearch: positiveInt.max(10_000).optional().describe('HNSW search breadth; default scales with the index size'),
    })
    .prefault({}),
  chunk: z
    .strictObject({
      size: positiveInt.min(100).max(8000).default(420),
      overlap: z.coerce.number().int().min(0).max(4000).default(120),
    })
    .prefault({})
    .refine((c) => c.overlap < c.size, { message: 'overlap must be smaller than size', path: ['overlap'] }),
  webhooks: z
    .strictObject({
      allowLoopbackHttp: bool.default(false).describe('allow http:// webhook URLs to loopback (local receivers)'),
      timeoutMs: positiveInt.max(120_000).default(10_000),
      maxAttempts: positiveInt.max(100).default(8),
      backoffBaseMs: positiveInt.max(3_600_000).default(30_000),
      backoffMaxMs: positiveInt.max(86_400_000).default(6 * 3_600_000),
      maxResponseBytes: positiveInt.max(10_485_760).default(65_536),
      concurrency: positiveInt.max(64).default(8),
      pollMs: positiveInt.max(3_600_000).default(2_000),
    })
    .prefault({}),
  http: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1').describe('interface to bind; 127.0.0.1 keeps the server local'),
      allowedHosts: csv.optional().describe('Host header values accepted (DNS rebinding); default: the bound host and loopback names'),
      allowedOrigins: csv.default([]).describe('browser Origins accepted; requests with any other Origin get 403'),
      tokens: z.string().optional().describe('bearer tokens: "name:token[:ro|:admin],..." or "name:sha256:<hex>[:ro|:admin]"'),
      oauth: z
        .strictObject({
          issuer: z.url(),
          jwksUrl: z.url(),
          audience: z.string().min(1).optional().describe('default: publicUrl'),
        })
        .optional(),
      publicUrl: z.url().optional().describe('the URL clients use for /mcp; the OAuth audience and metadata resource'),
      stateless: bool.default(false),
      maxBodyBytes: positiveInt.max(50 * 1024 * 1024).default(256 * 1024),
      rateLimitPerMinute: positiveInt.max(1_000_000).default(600),
      maxSessions: positiveInt.max(100_000).default(100),
      maxSessionsPerCaller: positiveInt
        .max(100_000)
        .optional()
        .describe('open sessions one caller (token name or OAuth sub) may hold; default 20, or maxSessions if lower'),
      sessionIdleMs: positiveInt.max(86_400_000).default(15 * 60_000),
      requestTimeoutMs: positiveInt.max(3_600_000).default(30_000),
    })
    // A per-caller cap above the global one would let one caller fill the server again.
    .refine((h) => h.maxSessionsPerCaller === undefined || h.maxSessionsPerCaller <= h.maxSessions, {
      message: 'must not be above http.maxSessions',
      path: ['maxSessionsPerCaller'],
    })
    .transform((h) => ({ ...h, maxSessionsPerCaller: h.maxSessionsPerCaller ?? Math.min(20, h.maxSessions) }))
    .prefault({}),
  chat: z
    .strictObject({
      model: z.string().min(1).optional().describe('chat model; without one, chat and ask answer extractively, offline'),
      baseUrl: z.url().optional().describe('OpenAI-compatible endpoint (Ollama, vLLM, LM Studio); default OpenAI'),
      apiKey: z.string().optional(),
      token: z.string().optional().describe('bearer token for chat --url'),
      timeoutMs: positiveInt.max(600_000).default(120_000),
      maxRetries: z.coerce.number().int().min(0).max(10).default(3),
    })
    .prefault({}),
  ingest: z
    .strictObject({
      batchStories: positiveInt.max(100_000).default(256).describe('stories per atomic write in a bulk run; an interrupted run keeps whole batches'),
    })
    .prefault({}),
  /** Directories the ingest_stories tool may read from (default: the corpus directory). */
  ingestRoots: csv.optional(),
  /** Leave out the action tools for every caller (stdio and HTTP). */
  readOnly: bool.default(false),
  /** 32 bytes in base64 that seal webhook secrets; default: a key file in the data directory. */
  secretKey: z.string().min(1).optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
});

/** The configuration as loadConfig resolves it: paths absolute, ingest roots defaulting to the corpus directory. */
export type Config = Omit<z.infer<typeof configSchema>, 'ingestRoots'> & { ingestRoots: string[] };

/** Environment variables and the config keys they set. */
export const ENV_KEYS: Record<string, string | string[]> = {
  STORYLINE_DATA_DIR: 'dataDir',
  STORYLINE_CORPUS_DIR: 'corpusDir',
  STORYLINE_DATABASE_URL: 'database.url',
  STORYLINE_EMBEDDINGS: 'embeddings.provider',
  STORYLINE_EMBEDDINGS_MODEL: 'embeddings.model',
  STORYLINE_EMBEDDINGS_DIMENSIONS: 'embeddings.dimensions',
  STORYLINE_EMBEDDINGS_BATCH_SIZE: 'embeddings.batchSize',
  STORYLINE_EMBEDDINGS_SEND_DIMENSIONS: 'embeddings.sendDimensions',
  STORYLINE_EMBEDDINGS_THREADS: 'embeddings.threads',
  OPENAI_BASE_URL: ['embeddings.baseUrl', 'chat.baseUrl'],
  OPENAI_API_KEY: ['embeddings.apiKey', 'chat.apiKey'],
  STORYLINE_CHAT_MODEL: 'chat.model',
  STORYLINE_CHAT_TOKEN: 'chat.token',
  STORYLINE_FUSION: 'retrieval.fusion',
  STORYLINE_HNSW_EF: 'retrieval.efSearch',
  STORYLINE_LOG_LEVEL: 'logLevel',
  STORYLINE_SECRET_KEY: 'secretKey',
  STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'webhooks.allowLoopbackHttp',
  STORYLINE_WEBHOOK_TIMEOUT_MS: 'webhooks.timeoutMs',
  STORYLINE_WEBHOOK_MAX_ATTEMPTS: 'webhooks.maxAttempts',
  STORYLINE_WEBHOOK_BACKOFF_BASE_MS: 'webhooks.backoffBaseMs',
  STORYLINE_WEBHOOK_BACKOFF_MAX_MS: 'webhooks.backoffMaxMs',
  STORYLINE_WEBHOOK_POLL_MS: 'webhooks.pollMs',
  STORYLINE_HTTP_HOST: 'http.host',
  STORYLINE_HTTP_ALLOWED_HOSTS: 'http.allowedHosts',
  STORYLINE_HTTP_ALLOWED_ORIGINS: 'http.allowedOrigins',
  STORYLINE_HTTP_TOKENS: 'http.tokens',
  STORYLINE_HTTP_PUBLIC_URL: 'http.publicUrl',
  STORYLINE_HTTP_RATE_LIMIT: 'http.rateLimitPerMinute',
  STORYLINE_HTTP_MAX_SESSIONS: 'http.maxSessions',
  STORYLINE_HTTP_MAX_SESSIONS_PER_CALLER: 'http.maxSessionsPerCaller',
  STORYLINE_OAUTH_ISSUER: 'http.oauth.issuer',
  STORYLINE_OAUTH_JWKS_URL: 'http.oauth.jwksUrl',
  STORYLINE_OAUTH_AUDIENCE: 'http.oauth.audience',
  STORYLINE_READ_ONLY: 'readOnly',
  STORYLINE_INGEST_ROOTS: 'ingestRoots',
  STORYLINE_INGEST_BATCH_STORIES: 'ingest.batchStories',
};

/** An invalid configuration; the message names the key and where it came from. */
export class ConfigError extends StorylineError {
  constructor(message: string) {
    super('configuration', message);
  }
}

type Tree = Record<string, unknown>;

function setPath(tree: Tree, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (next && typeof next === 'object' ? next : (node[part] = {})) as Tree;
  }
  node[parts[parts.length - 1] as string] = value;
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' ? merge(b as Tree, v as Tree) : v;
  }
  return out;
}

/** Inputs to configuration loading. */
export interface LoadConfigOptions {
  /** Explicit config file (--config); otherwise STORYLINE_CONFIG, then ./storyline.config.json if present. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags, as dotted keys. */
  flags?: Record<string, unknown>;
  cwd?: string;
}

/** Loads configuration: defaults, then the config file, then environment, then flags. */
export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  let tree: Tree = {};
  const explicit = opts.file ?? env.STORYLINE_CONFIG;
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, 'storyline.config.json');
  const origin = new Map<string, string>();
  if (explicit || existsSync(file)) {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`config file ${file} cannot be read`);
    }
    try {
      tree = JSON.parse(raw) as Tree;
    } catch (err) {
      throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (!tree || typeof tree !== 'object' || Array.isArray(tree)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  }
  const overrides: Tree = {};
  for (const [name, keys] of Object.entries(ENV_KEYS)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      setPath(overrides, key, v);
      origin.set(key, `environment variable ${name}`);
    }
  }
  for (const [key, v] of Object.entries(opts.flags ?? {})) {
    if (v !== undefined) {
      setPath(overrides, key, v);
      origin.set(key, 'command-line flag');
    }
  }
  const result = configSchema.safeParse(merge(tree, overrides));
  if (!result.success) {
    const issue = result.error.issues[0];
    const extra = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const key = [...(issue?.path ?? []), ...(extra ? [extra] : [])].join('.');
    const from = origin.get(key) ?? (explicit || existsSync(file) ? `config file ${file}` : 'defaults');
    throw new ConfigError(`invalid configuration key "${key}" (from ${from}): ${issue?.message ?? 'invalid'}`);
  }
  const config = result.data;
  const corpusDir = path.resolve(cwd, config.corpusDir);
  return {
    ...config,
    dataDir: path.resolve(cwd, config.dataDir),
    corpusDir,
    ingestRoots: (config.ingestRoots ?? [corpusDir]).map((r) => path.resolve(cwd, r)),
  };
}
