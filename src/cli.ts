#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { extractiveAnswer } from './answer/extractive.js';
import { gatherEvidence } from './answer/evidence.js';
import { ensureCorpus, openApp, type App } from './app.js';
import { loadConfig, type Config } from './config.js';
import { registerActionCommands } from './cli/actions.js';
import { parseIntIn } from './cli/args.js';
import { askWithModel, chatCommand, serverOptions } from './cli/chat.js';
import { registerExposureCommands } from './cli/exposure.js';
import { registerTransferCommands } from './cli/transfer.js';
import { out, printJson, progressReporter } from './cli/output.js';
import { renderExtractiveAnswer } from './render/answers.js';
import { serveHttp, serveStdio } from './cli/serve.js';
import { errorKind, exitCode, UserError } from './errors.js';
import { LOG_LEVELS } from './log.js';
import { queryTerms } from './retrieval/query.js';
import { requireStory } from './retrieval/stories.js';
import { storyId } from './story/schema.js';
import { MAX_QUERY_CHARS } from './mcp/schemas.js';
import { VERSION } from './version.js';

interface GlobalOptions {
  config?: string;
  dataDir?: string;
  embeddings?: string;
  logLevel?: string;
}

const program = new Command('storyline')
  .description('Cited answers about threat-intelligence stories, over MCP and from the terminal.')
  .version(VERSION)
  .option('-c, --config <file>', 'config file (default: $STORYLINE_CONFIG or ./storyline.config.json)')
  .option('-d, --data-dir <dir>', 'data directory (default: $STORYLINE_DATA_DIR or ./.storyline)')
  .addOption(new Option('--embeddings <provider>', 'embedding provider').choices(['local', 'openai']))
  .addOption(new Option('--log-level <level>', 'stderr log level').choices(LOG_LEVELS))
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
Examples:
  storyline serve                      serve MCP over stdio (indexes corpus/ on first start)
  storyline ask "Who signed the order?"   answer from the stories, with citations
  storyline chat                       a conversation (STORYLINE_CHAT_MODEL + OPENAI_BASE_URL), offline otherwise
  storyline ingest stories/            add or update story files
  storyline stories                    list stored stories
  storyline subscriptions create --name SOC --query "ransomware" --webhook https://hooks.example.com/x
  storyline deliver                    send due webhook deliveries (cron), or --watch
  storyline assets import sbom.json    import your inventory (CycloneDX, SPDX, CSV, CPE/purl list, OpenVEX)
  storyline exposure --cve CVE-2021-44228   am I affected? cited verdicts, KEV first

Configuration: defaults < config file < STORYLINE_* environment < flags. See README.md.`,
  );

function config(flags: Record<string, unknown> = {}): Config {
  const g = program.opts<GlobalOptions>();
  return loadConfig({
    ...(g.config ? { file: g.config } : {}),
    flags: { dataDir: g.dataDir, 'embeddings.provider': g.embeddings, logLevel: g.logLevel, ...flags },
  });
}

/** Opens the app for a one-shot command and always closes it. */
async function withApp<T>(fn: (app: App) => T | Promise<T>, opts: { indexCorpus?: boolean } = {}): Promise<T> {
  const app = await openApp(config());
  try {
    if (opts.indexCorpus) await ensureCorpus(app);
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** Up to 20 items of a list, then how many more. */
const listSome = (xs: string[]) => (xs.length > 20 ? `${xs.slice(0, 20).join(', ')} and ${xs.length - 20} more` : xs.join(', '));

const parseStoryId = (v: string) => {
  const r = storyId.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(r.error.issues[0]?.message ?? 'invalid story id');
  return v;
};

program
  .command('serve')
  .description('serve MCP over stdio (default) or Streamable HTTP; indexes the corpus on first start')
  .option('--http <port>', 'serve Streamable HTTP on this port (0 picks a free one) at /mcp', parseIntIn(0, 65535))
  .option('--host <host>', 'interface to bind with --http (default 127.0.0.1)')
  .option('--stateless', 'no sessions: each POST stands alone (for replicas behind a load balancer)')
  .option('--read-only', 'leave out the action tools for every caller')
  .option('--insecure-no-auth', 'with --http on loopback only: accept requests without a token (local testing)')
  .addHelpText('after', '\nHTTP needs tokens: STORYLINE_HTTP_TOKENS="alice:<secret>,ci:<secret>:ro" (":ro" = read-only), or OAuth (see README).')
  .action(async (opts: { http?: number; host?: string; stateless?: boolean; readOnly?: boolean; insecureNoAuth?: boolean }) => {
    if (opts.http === undefined) {
      if (opts.host || opts.stateless || opts.insecureNoAuth) throw new UserError('--host, --stateless and --insecure-no-auth go with --http PORT');
      return serveStdio(config({ readOnly: opts.readOnly }));
    }
    return serveHttp(config({ 'http.host': opts.host, 'http.stateless': opts.stateless, readOnly: opts.readOnly }), {
      port: opts.http,
      insecureNoAuth: !!opts.insecureNoAuth,
    });
  });

program
  .command('ingest')
  .description('validate, index and store story files (JSON); a bad file stops the run before anything is written')
  .argument('[paths...]', 'story files or directories (default: the configured corpus)')
  .option('--reindex', 're-embed every stored story with the configured embedder (after changing embedder)')
  .option('--force', 're-embed the given stories even if unchanged')
  .option('--keep-going', 'report and skip invalid files instead of stopping (exit code 1 if any failed)')
  .option('--json', 'print the result as JSON')
  .action(async (paths: string[], opts: { reindex?: boolean; force?: boolean; keepGoing?: boolean; json?: boolean }) =>
    withApp(async (app) => {
      const onProgress = progressReporter('embedding passages');
      const started = Date.now();
      const r = opts.reindex
        ? { ...(await app.reindex(onProgress)), removed: [], failed: [] }
        : await app.ingestPaths(paths.length ? paths : [app.config.corpusDir], { force: !!opts.force, keepGoing: !!opts.keepGoing, onProgress });
      if (r.failed.length) {
        process.stderr.write(`${r.failed.length} file(s) skipped:\n${r.failed.map((f) => `  ${f.error}`).join('\n')}\n`);
        process.exitCode = 1;
      }
      if (opts.json) return printJson(r);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      out(
        `Ingested in ${secs}s: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged; ${r.passages} passages embedded.` +
          (r.added.length + r.updated.length ? `\nChanged: ${listSome([...r.added, ...r.updated])}` : '') +
          (r.removed.length ? `\nRemoved (now named by another story): ${listSome(r.removed)}` : ''),
      );
    }),
  );

program
  .command('remove')
  .description('delete one story and its passages from the store')
  .argument('<id>', 'story id', parseStoryId)
  .option('--json', 'print the result as JSON')
  .action(async (id: string, opts: { json?: boolean }) =>
    withApp(async (app) => {
      await requireStory(app.store, id);
      await app.store.write([], [id]);
      if (opts.json) printJson({ removed: id });
      else out(`Removed story ${id}.`);
    }),
  );

program
  .command('stories')
  .description('list stored stories, newest first')
  .option('-q, --query <words>', 'only stories matching these words')
  .option('-e, --entity <name>', 'only stories naming this entity')
  .option('-n, --limit <n>', 'how many (1-1000)', parseIntIn(1, 1000), 50)
  .option('--json', 'print JSON')
  .action(async (opts: { query?: string; entity?: string; limit: number; json?: boolean }) =>
    withApp(
      async (app) => {
        const r = await app.store.listStories({ ...(opts.query ? { terms: queryTerms(opts.query) } : {}), ...(opts.entity ? { entity: opts.entity } : {}), offset: 0, limit: opts.limit });
        if (opts.json) return printJson(r);
        if (!r.stories.length) return out('No stories match.');
        out(r.stories.map((s) => `${s.id}  ${s.last_date ?? '----------'}  ${s.title}  (${s.passage_count} passages)`).join('\n'));
        if (r.total > r.stories.length) out(`… ${r.total - r.stories.length} more (use --limit)`);
      },
      { indexCorpus: true },
    ),
  );

serverOptions(
  program
    .command('ask')
    .description('answer a question: with a chat model configured, one cited turn of `chat`; otherwise offline, the best-supported sentences with [n] citations, then the sources')
    .argument('<question>', 'the question, in quotes')
    .option('-s, --story <id>', 'only this story', parseStoryId)
    .option('-k, --passages <n>', 'passages to retrieve (1-50; offline answers)', parseIntIn(1, 50), 8)
    .option('--offline', 'answer extractively even when a chat model is configured')
    .option('--yes', 'allow the model to run tools that change state')
    .option('--json', 'print the answer, citations and verification results as JSON'),
).action(async (question: string, opts: { story?: string; passages: number; json?: boolean; offline?: boolean; yes?: boolean; server?: string; url?: string; token?: string }) => {
    const cfg = config();
    if (cfg.chat.model && !opts.offline) {
      if (!question.trim()) throw new UserError('the question is empty');
      if (question.length > MAX_QUERY_CHARS) throw new UserError(`the question is longer than ${MAX_QUERY_CHARS} characters`);
      return askWithModel(cfg, question, opts);
    }
    return withApp(
      async (app) => {
        if (!question.trim()) throw new UserError('the question is empty');
        if (question.length > MAX_QUERY_CHARS) throw new UserError(`the question is longer than ${MAX_QUERY_CHARS} characters`);
        if (opts.story) await requireStory(app.store, opts.story);
        const hits = await gatherEvidence(app.retriever, question, { limit: opts.passages, ...(opts.story ? { storyId: opts.story } : {}) });
        const answer = extractiveAnswer(question, hits);
        if (opts.json) return printJson({ question, mode: 'extractive', ...answer });
        out(renderExtractiveAnswer(answer));
      },
      { indexCorpus: true },
    );
  });

serverOptions(
  program
    .command('chat')
    .description('talk with a model about the stories: cited answers, tool calls shown, actions confirmed; offline without a model')
    .option('--yes', 'run tools that change state (subscriptions) without asking')
    .addHelpText(
      'after',
      [
        '',
        'Model (any OpenAI-compatible endpoint; without STORYLINE_CHAT_MODEL, chat answers extractively, offline):',
        '  STORYLINE_CHAT_MODEL   the model name, e.g. gpt-4.1-mini or llama3.1',
        '  OPENAI_BASE_URL        the endpoint; default the OpenAI API',
        '  OPENAI_API_KEY         the key, where the endpoint needs one',
        '',
        'Examples:',
        '  STORYLINE_CHAT_MODEL=gpt-4.1-mini OPENAI_API_KEY=sk-... storyline chat                    # OpenAI',
        '  STORYLINE_CHAT_MODEL=llama3.1 OPENAI_BASE_URL=http://localhost:11434/v1 storyline chat    # Ollama',
      ].join('\n'),
    ),
).action(async (opts: { server?: string; url?: string; token?: string; yes?: boolean }) => {
  const cfg = config();
  // The built-in server indexes the corpus on first start; do it here so the chat starts ready.
  if (!opts.server && !opts.url) await withApp(() => undefined, { indexCorpus: true });
  await chatCommand(cfg, opts);
});

registerActionCommands(program, withApp);
registerExposureCommands(program, withApp);
registerTransferCommands(program, withApp);

/** Errors end the command with the exit code of their kind; only internal ones show a stack. */
async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    const kind = errorKind(err);
    process.stderr.write(kind === 'internal' ? `storyline: unexpected error: ${(err as Error).stack ?? String(err)}\n` : `storyline: ${(err as Error).message}\n`);
    process.exitCode = exitCode(kind);
  }
}

await main();
