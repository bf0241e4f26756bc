import path from 'node:path';
import { openSecretBox } from './actions/secrets.js';
import { SubscriptionService } from './actions/service.js';
import type { Config } from './config.js';
import type { Embedder } from './embed/embedder.js';
import { createEmbedder } from './embed/index.js';
import { ExposureService } from './exposure/service.js';
import { yieldToEventLoop } from './event-loop.js';
import { ingestStories, type IngestResult } from './ingest/ingest.js';
import { createLogger, type Logger } from './log.js';
import { createRetriever, type Retriever } from './retrieval/search.js';
import { AssetDb } from './store/assets.js';
import { Store } from './store/store.js';
import { planKev } from './ingest/kev.js';
import type { KevCatalog } from './story/kev.js';
import { expandStoryPaths, loadIngestFile, StoryFileError } from './story/load.js';
import type { Story } from './story/schema.js';

/** Everything the MCP server and the CLI work with. */
export interface App {
  config: Config;
  log: Logger;
  store: Store;
  embedder: Embedder;
  retriever: Retriever;
  subscriptions: SubscriptionService;
  /** The user's assets against stored advisories: "am I affected?". */
  exposure: ExposureService;
  /**
   * Validates every file first. By default one bad file stops the run before anything is
   * written; with `keepGoing`, bad files are reported in `failed` and the rest is ingested.
   */
  ingestPaths(
    paths: readonly string[],
    opts?: { force?: boolean; keepGoing?: boolean; onProgress?: (done: number, total: number) => void },
  ): Promise<IngestResult & { removed: string[]; failed: { file: string; error: string }[] }>;
  /** Re-embeds every stored story, and every subscription query, with the configured embedder. */
  reindex(onProgress?: (done: number, total: number) => void): Promise<IngestResult>;
  close(): void;
}

/** Options for opening the app; tests inject an embedder and a logger. */
export interface OpenAppOptions {
  embedder?: Embedder;
  log?: Logger;
}

/** Opens the store in the configured data directory and wires retrieval to it. */
export async function openApp(config: Config, opts: OpenAppOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const embedder = opts.embedder ?? createEmbedder(config.embeddings);
  const store = await Store.open({
    dataDir: config.dataDir,
    embedder: embedder.info,
    vectors: config.retrieval.efSearch ? { efSearch: config.retrieval.efSearch } : {},
    log: (m) => log.warn(m),
  });
  const retriever = createRetriever(store, embedder, {
    fusion: { method: config.retrieval.fusion, rrfK: config.retrieval.rrfK, alpha: config.retrieval.alpha },
    candidates: config.retrieval.candidates,
  });
  // Before the subscriptions' hook: advisory products are indexed in the same write transaction.
  const exposure = new ExposureService(store.db, new AssetDb(store.db.db));
  store.onWrite((changes) => exposure.onStoriesWritten(changes));
  const subscriptions = new SubscriptionService(
    store,
    embedder,
    openSecretBox(config.dataDir, config.secretKey),
    { ...config.webhooks, outboxDir: path.join(config.dataDir, 'outbox') },
    log,
    (change) => exposure.matchStory(change),
  );
  const chunk = { chunkSize: config.chunk.size, chunkOverlap: config.chunk.overlap };
  return {
    config,
    log,
    store,
    embedder,
    retriever,
    subscriptions,
    exposure,
    async ingestPaths(paths, { keepGoing, ...o } = {}) {
      const files = await expandStoryPaths(paths);
      const stories: Story[] = [];
      const catalogs: KevCatalog[] = [];
      const failed: { file: string; error: string }[] = [];
      for (const f of files) {
        try {
          const input = await loadIngestFile(f);
          if (input.kind === 'kev') catalogs.push(input.catalog);
          else stories.push(input.story);
        } catch (err) {
          if (!keepGoing || !(err instanceof StoryFileError)) throw err;
          failed.push({ file: f, error: err.message });
        }
        // Parsing and converting are CPU-bound: let other requests in between files.
        await yieldToEventLoop();
      }
      const plan = planKev(store.db, stories, catalogs);
      const result = await ingestStories(store, embedder, plan.stories, { chunk, batchStories: config.ingest.batchStories, ...o });
      await store.write([], plan.removals);
      return { ...result, removed: plan.removals, failed };
    },
    async reindex(onProgress) {
      const stories = store.db.storyIds().flatMap((id) => store.db.getStory(id)?.story ?? []);
      // One write for everything: a reindex half done would mix two embedders' vectors.
      const r = await ingestStories(store, embedder, stories, { chunk, force: true, batchStories: Number.MAX_SAFE_INTEGER, ...(onProgress ? { onProgress } : {}) });
      await subscriptions.reembedQueries();
      return r;
    },
    close: () => store.close(),
  };
}

/** Indexes the configured corpus when the store is empty (first start). */
export async function ensureCorpus(app: App): Promise<IngestResult | null> {
  if (app.store.db.counts().stories > 0) return null;
  app.log.info(`first start: indexing ${app.config.corpusDir}`);
  return app.ingestPaths([app.config.corpusDir]);
}
