import { dataDirLayout } from '../data-dir.js';
import type { Command } from 'commander';
import { renderAnswerSources } from '../render/answers.js';
import { connectStoryline, type ServerTarget } from '../chat/connect.js';
import { createChatModel, OFFLINE_NOTE } from '../chat/model.js';
import { runRepl } from '../chat/repl.js';
import { describeShownSecrets } from '../chat/secrets.js';
import { ChatSession } from '../chat/session.js';
import type { Config } from '../config.js';
import { out, printJson } from './output.js';

interface ChatFlags {
  server?: string;
  url?: string;
  token?: string;
  yes?: boolean;
}

const target = (config: Config, f: ChatFlags): ServerTarget => ({
  ...(f.server ? { server: f.server } : {}),
  ...(f.url ? { url: f.url } : {}),
  ...(f.token ?? config.chat.token ? { token: f.token ?? config.chat.token } : {}),
  // The server this starts shares the configuration the chat was given.
  env: { STORYLINE_DATA_DIR: config.dataDir, STORYLINE_LOG_LEVEL: 'error' },
});

/** Adds the options that pick the server a chat client talks to. */
export function serverOptions(cmd: Command): Command {
  return cmd
    .option('--server <command>', 'start this Storyline server command over stdio instead of the built-in one')
    .option('--url <url>', 'use a Storyline server over Streamable HTTP (e.g. http://127.0.0.1:8787/mcp)')
    .option('--token <token>', 'bearer token for --url (default: $STORYLINE_CHAT_TOKEN)');
}

/** `storyline chat`: the interactive conversation. */
export async function chatCommand(config: Config, f: ChatFlags): Promise<void> {
  const mcp = await connectStoryline(target(config, f));
  try {
    const model = createChatModel(config.chat);
    let session: ChatSession | null = null;
    if (model) {
      session = new ChatSession(mcp, model);
      await session.start();
    }
    await runRepl({
      mcp,
      session,
      input: process.stdin,
      output: process.stdout,
      yes: !!f.yes,
      chatsDir: dataDirLayout(config.dataDir).chats,
      ...(model ? {} : { offlineNote: OFFLINE_NOTE }),
    });
  } finally {
    await mcp.close();
  }
}

/** `storyline ask` with a configured model: one turn of the same loop. */
export async function askWithModel(config: Config, question: string, f: ChatFlags & { json?: boolean; story?: string }): Promise<void> {
  const model = createChatModel(config.chat);
  if (!model) throw new Error('internal: askWithModel needs a model');
  const mcp = await connectStoryline(target(config, f));
  try {
    const session = new ChatSession(mcp, model);
    await session.start();
    const q = f.story ? `${question}\n(About story ${f.story}: pass story_id "${f.story}" to search_passages.)` : question;
    const r = await session.ask(q, {
      onToolCall: (name, args) => process.stderr.write(`  -> ${name} ${JSON.stringify(args).slice(0, 160)}\n`),
      // To the person only (stderr keeps --json output clean); the model gets a placeholder.
      onSecret: (shown) => process.stderr.write(`${describeShownSecrets(shown)}\n`),
      // Nobody is there to confirm: state-changing tools run only with --yes.
      confirm: (name) => {
        if (!f.yes) process.stderr.write(`  (skipped ${name}: it changes state; pass --yes to allow)\n`);
        return Promise.resolve(!!f.yes);
      },
    });
    if (f.json) {
      return printJson({
        question,
        mode: 'model',
        model: model.model,
        answer: r.text,
        citations: r.sources.map((s) => ({ n: s.n, citation_id: s.citation_id, retrieved: s.passage !== null, passage: s.passage })),
        quotes: r.quotes,
        tool_calls: r.toolCalls,
      });
    }
    out(`${r.text}\n\n${renderAnswerSources(r)}`.trim());
  } finally {
    await mcp.close();
  }
}
