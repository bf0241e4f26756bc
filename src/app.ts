import { openSecretBox } from './actions/secrets.js';
import { SubscriptionService } from './actions/service.js';
import type { Config } from './config.js';
import type { Embedder } from './embed/embedder.js';
import { createEmbedder } from './embed/index.js';
import { ExposureService } from './exposure/service.js';
import { dataDirLayout } from './data-dir.js';
import { ingestPaths, reindexStories, type IngestPathsOptions, type IngestPathsResult, type IngestTarget } from './ingest/files.js';
import type { IngestResult } from './ingest/ingest.js';
import { createLogger, type Logger } from './log.js';
import { createRetriever, type Retriever } from './retrieval/search.js';
import { openStore, type Store } from './store/store.js';

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
  /** Ingests story, CSAF and KEV files into the store (see ingest/files.ts). */
  ingestPaths(paths: readonly string[], opts?: IngestPathsOptions): Promise<IngestPathsResult>;
  /** Re-embeds every stored story, and every subscription query, with the configured embedder. */
  reindex(onProgress?: (done: number, total: number) => void): Promise<IngestResult>;
  close(): Promise<void>;
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
  const store = await openStore({
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
  const exposure = new ExposureService(store);
  store.onWrite((changes, tx) => exposure.onStoriesWritten(changes, tx));
  const subscriptions = new SubscriptionService(
    store,
    embedder,
    openSecretBox(config.dataDir, config.secretKey),
    { ...config.webhooks, outboxDir: dataDirLayout(config.dataDir).outbox },
    log,
    (change, tx) => exposure.matchStory(change, tx),
  );
  const target: IngestTarget = {
    store,
    embedder,
    chunk: { chunkSize: config.chunk.size, chunkOverlap: config.chunk.overlap },
    batchStories: config.ingest.batchStories,
  };
  return {
    config,
    log,
    store,
    embedder,
    retriever,
    subscriptions,
    exposure,
    ingestPaths: (paths, o) => ingestPaths(target, paths, o),
    async reindex(onProgress) {
      const r = await reindexStories(target, onProgress);
      // Query vectors from the old embedder are not comparable with the new passages' either.
      await subscriptions.reembedQueries();
      return r;
    },
    close: () => store.close(),
  };
}

/** Indexes the configured corpus when the store is empty (first start). */
export async function ensureCorpus(app: App): Promise<IngestResult | null> {
  if ((await app.store.counts()).stories > 0) return null;
  app.log.info(`first start: indexing ${app.config.corpusDir}`);
  return app.ingestPaths([app.config.corpusDir]);
}
