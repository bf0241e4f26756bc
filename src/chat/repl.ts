import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { renderAnswerSources, renderExtractiveAnswer } from '../render/answers.js';
import { passageLine } from '../render/passages.js';
import { offlineAnswer } from './offline.js';
import { describeShownSecrets } from './secrets.js';
import { ModelError, type ChatSession } from './session.js';
import { CitationStreamer } from './stream.js';

/** Everything the interactive chat needs. */
export interface ReplOptions {
  mcp: Client;
  /** Null in offline mode (no model configured). */
  session: ChatSession | null;
  input: Readable;
  output: Writable;
  /** Run state-changing tools without asking. */
  yes: boolean;
  /** Where /save writes. */
  chatsDir: string;
  /** Why the chat is offline, said once at the start. */
  offlineNote?: string;
}

const HELP = 'Commands: /sources (passages retrieved so far), /tools, /reset (forget the conversation), /save, /exit. Ctrl-C cancels the current answer.';

const summarizeArgs = (args: Record<string, unknown>) => {
  const s = JSON.stringify(args);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

/** Reads lines one at a time; also knows when input has ended (piped stdin). */
function lineReader(rl: Interface) {
  const queue: string[] = [];
  const waiters: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => (waiters.length ? waiters.shift()!(line) : queue.push(line)));
  rl.on('close', () => {
    closed = true;
    while (waiters.length) waiters.shift()!(null);
  });
  return (): Promise<string | null> =>
    queue.length ? Promise.resolve(queue.shift()!) : closed ? Promise.resolve(null) : new Promise((r) => waiters.push(r));
}

/**
 * The interactive `storyline chat` loop: one question per line, streamed answers with
 * numbered citations and sources, tool calls shown as they happen, confirmation before
 * state-changing tools, and slash commands.
 */
export async function runRepl(o: ReplOptions): Promise<void> {
  const say = (text: string) => o.output.write(text.endsWith('\n') ? text : `${text}\n`);
  const terminal = 'isTTY' in o.input && (o.input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input: o.input, output: o.output, terminal });
  const next = lineReader(rl);
  const prompt = async (q: string) => {
    o.output.write(q);
    return next();
  };
  let turn: AbortController | null = null;
  const onInterrupt = () => {
    if (turn) {
      turn.abort();
      say('\n(cancelled)');
    } else {
      say('\n(type /exit to quit)');
      o.output.write('you> ');
    }
  };
  rl.on('SIGINT', onInterrupt);
  process.on('SIGINT', onInterrupt);

  say(o.session ? `Storyline chat. Ask about the stories; answers cite their sources. ${HELP}` : `Storyline chat. ${o.offlineNote ?? ''}\n${HELP}`);
  try {
    for (;;) {
      const line = await prompt('you> ');
      if (line === null) break;
      const text = line.trim();
      if (!text) continue;
      if (text.startsWith('/')) {
        const [cmd] = text.split(/\s+/);
        if (cmd === '/exit' || cmd === '/quit') break;
        if (cmd === '/help') say(HELP);
        else if (cmd === '/tools') {
          const tools = o.session ? o.session.toolList() : (await o.mcp.listTools()).tools;
          say(tools.map((t) => `${t.name}${t.annotations?.readOnlyHint === false ? ' (changes state: asks first)' : ''}: ${t.title ?? ''}`).join('\n'));
        } else if (cmd === '/sources') {
          const all = o.session ? [...o.session.passages.values()] : [];
          say(all.length ? all.map(passageLine).join('\n') : 'No passages retrieved yet.');
        } else if (cmd === '/reset') {
          o.session?.reset();
          o.session?.passages.clear();
          say('Conversation cleared.');
        } else if (cmd === '/save') {
          // Conversations are private: only their owner may read them (history() is already secret-free).
          await mkdir(o.chatsDir, { recursive: true, mode: 0o700 });
          await chmod(o.chatsDir, 0o700);
          const file = path.join(o.chatsDir, `chat-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
          await writeFile(file, JSON.stringify({ saved_at: new Date().toISOString(), messages: o.session?.history() ?? [] }, null, 2), { mode: 0o600, flag: 'wx' });
          say(`Saved to ${file}`);
        } else say(`Unknown command ${cmd}. ${HELP}`);
        continue;
      }
      if (!o.session) {
        try {
          say(renderExtractiveAnswer(await offlineAnswer(o.mcp, text)));
        } catch (err) {
          say(`error: ${(err as Error).message}`);
        }
        continue;
      }
      turn = new AbortController();
      const streamer = new CitationStreamer((t) => o.output.write(t));
      let streaming = false;
      try {
        const result = await o.session.ask(text, {
          signal: turn.signal,
          onToken: (t) => {
            if (!streaming) o.output.write('storyline> ');
            streaming = true;
            streamer.push(t);
          },
          onToolCall: (name, args) => say(`  -> ${name} ${summarizeArgs(args)}`),
          onSecret: (shown) => say(describeShownSecrets(shown)),
          confirm: async (name, args) => {
            if (o.yes) return true;
            const answer = await prompt(`  ${name} changes state: ${summarizeArgs(args)}\n  Run it? [y/N] `);
            const ok = /^y(es)?$/i.test(answer?.trim() ?? '');
            say(ok ? '  confirmed' : '  skipped');
            return ok;
          },
        });
        streamer.flush();
        if (!streaming) say(`storyline> ${result.text}`);
        else o.output.write('\n');
        const sources = renderAnswerSources(result);
        if (sources) say(sources);
      } catch (err) {
        streamer.flush();
        if (streaming) o.output.write('\n');
        if (err instanceof ModelError && err.message === 'cancelled') continue;
        say(`error: ${err instanceof ModelError ? err.message : (err as Error).message}`);
      } finally {
        turn = null;
      }
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    rl.close();
  }
}
