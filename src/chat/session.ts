import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { StorylineError } from '../errors.js';
import type { Citation } from '../retrieval/citation.js';
import type { CitedAnswer } from '../render/answers.js';
import { collectPassages, numberCitations } from './citations.js';
import { findSecrets, redactSecrets, type ShownSecrets } from './secrets.js';

/** What the person sees while a turn runs. */
export interface TurnEvents {
  onToken?(text: string): void;
  /** One line per tool call, before it runs. */
  onToolCall?(name: string, args: Record<string, unknown>): void;
  /** Asked before a tool that changes state runs; false skips it. */
  confirm?(name: string, args: Record<string, unknown>): Promise<boolean>;
  /**
   * A tool result carried secrets (a new subscription's whsec_ signing secret): show them to
   * the person now, once. The model and the history only ever get a placeholder.
   */
  onSecret?(shown: ShownSecrets): void;
  signal?: AbortSignal;
}

/** One tool call the model made in a turn. */
export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  outcome: 'ok' | 'error' | 'declined' | 'bad-arguments';
}

/** A finished turn. */
export interface TurnResult extends CitedAnswer {
  raw: string;
  toolCalls: ToolCallRecord[];
}

/** Options for a model-backed chat session. */
export interface ChatSessionOptions {
  openai: OpenAI;
  model: string;
  /** Most model round trips in one turn (tool calls then an answer). */
  maxRounds?: number;
}

/** A problem talking to the model, phrased for the person at the terminal. */
export class ModelError extends StorylineError {
  constructor(message: string) {
    super('upstream_model', message);
  }
}

/** Turns an openai SDK error into a message that says what happened and what to do. */
export function describeModelError(err: unknown, baseURL: string): ModelError {
  if (err instanceof OpenAI.APIUserAbortError) return new ModelError('cancelled');
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new ModelError(`the model endpoint at ${baseURL} did not answer in time`);
  if (err instanceof OpenAI.APIConnectionError) return new ModelError(`cannot reach the model endpoint at ${baseURL} (is it running? check OPENAI_BASE_URL)`);
  if (err instanceof OpenAI.AuthenticationError) return new ModelError(`the model endpoint rejected the API key (401); check OPENAI_API_KEY`);
  if (err instanceof OpenAI.PermissionDeniedError) return new ModelError('the model endpoint refused access to this model (403)');
  if (err instanceof OpenAI.NotFoundError) return new ModelError('the model endpoint does not know this model (404); check STORYLINE_CHAT_MODEL');
  if (err instanceof OpenAI.RateLimitError) return new ModelError('the model endpoint is rate limiting (429) and retries ran out; wait and ask again');
  if (err instanceof OpenAI.BadRequestError) {
    const text = `${err.message} ${JSON.stringify(err.error ?? {})}`;
    if (/context_length|context length|maximum context|too many tokens/i.test(text)) {
      return new ModelError('the conversation is too long for the model; type /reset to start over');
    }
    return new ModelError(`the model endpoint rejected the request (400): ${err.message}`);
  }
  if (err instanceof OpenAI.APIError) return new ModelError(`the model endpoint failed (${err.status ?? 'no status'}): ${err.message}`);
  return new ModelError(`model call failed: ${(err as Error).message}`);
}

const toOpenAITool = (t: Tool): ChatCompletionTool => ({
  type: 'function',
  function: { name: t.name, description: t.description ?? t.title ?? t.name, parameters: t.inputSchema },
});

/**
 * A multi-turn conversation with an OpenAI-compatible model that uses Storyline's MCP tools.
 * The system prompt is the server's own `ask_about_story` prompt; the history is kept so
 * follow-up questions work; tools that change state need the person's confirmation. Secrets
 * in tool results go to the person (onSecret), never to the model or the history.
 */
export class ChatSession {
  readonly passages = new Map<string, Citation>();
  private messages: ChatCompletionMessageParam[] = [];
  private tools: Tool[] = [];
  private system = '';

  constructor(
    private readonly mcp: Client,
    private readonly opts: ChatSessionOptions,
  ) {}

  /** Loads the tools and the system prompt from the server. */
  async start(): Promise<void> {
    this.tools = (await this.mcp.listTools()).tools;
    const prompt = await this.mcp.getPrompt({ name: 'ask_about_story', arguments: { question: '(the questions follow in this conversation)' } });
    this.system = prompt.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    this.reset();
  }

  reset(): void {
    this.messages = [{ role: 'system', content: this.system }];
  }

  toolList(): Tool[] {
    return this.tools;
  }

  /** The conversation as a transcript may keep it: no secret in it, whatever was typed or returned. */
  history(): readonly ChatCompletionMessageParam[] {
    return redactSecrets(this.messages);
  }

  private changesState(name: string): boolean {
    return this.tools.find((t) => t.name === name)?.annotations?.readOnlyHint !== true;
  }

  /** Runs one turn: the model may call tools (shown, confirmed when they change state), then answers. */
  async ask(question: string, ev: TurnEvents = {}): Promise<TurnResult> {
    const start = this.messages.length;
    this.messages.push({ role: 'user', content: question });
    const toolCalls: ToolCallRecord[] = [];
    try {
      for (let round = 0; round < (this.opts.maxRounds ?? 8); round++) {
        const { content, calls } = await this.complete(ev);
        this.messages.push({
          role: 'assistant',
          content: content || null,
          ...(calls.length ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) } : {}),
        });
        if (calls.length === 0) {
          const rendered = await numberCitations(content, this.passages, this.mcp);
          return { ...rendered, raw: content, toolCalls };
        }
        for (const c of calls) {
          const { text, record } = await this.runTool(c.name, c.arguments, ev);
          toolCalls.push(record);
          this.messages.push({ role: 'tool', tool_call_id: c.id, content: text });
        }
      }
      throw new ModelError(`the model kept calling tools for ${this.opts.maxRounds ?? 8} rounds without answering`);
    } catch (err) {
      // A failed or cancelled turn leaves the history as it was before the question.
      this.messages.length = start;
      throw err instanceof ModelError ? err : describeModelError(err, this.opts.openai.baseURL);
    }
  }

  private async runTool(name: string, rawArgs: string, ev: TurnEvents): Promise<{ text: string; record: ToolCallRecord }> {
    let args: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(rawArgs || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('arguments must be a JSON object');
      args = parsed as Record<string, unknown>;
    } catch (err) {
      ev.onToolCall?.(name, {});
      return { text: `Error: the arguments for ${name} are not valid JSON (${(err as Error).message}). Call it again with a JSON object.`, record: { name, args: {}, outcome: 'bad-arguments' } };
    }
    ev.onToolCall?.(name, args);
    if (this.changesState(name) && ev.confirm && !(await ev.confirm(name, args))) {
      return { text: `The user declined to run ${name}. Do not retry it unless they ask.`, record: { name, args, outcome: 'declined' } };
    }
    let r;
    try {
      r = await this.mcp.callTool({ name, arguments: args });
    } catch (err) {
      // Protocol-level failures (unknown tool, invalid arguments) go back to the model too.
      return { text: redactSecrets(`Error from ${name}: ${(err as Error).message}`), record: { name, args, outcome: 'error' } };
    }
    const text = (r.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
    // Any tool, any field: the person sees a secret once; everything kept or sent has a placeholder.
    const secrets = findSecrets([r.content, r.structuredContent]);
    if (secrets.length) ev.onSecret?.({ tool: name, text, secrets });
    collectPassages(redactSecrets(r.structuredContent), this.passages);
    return { text: redactSecrets(text), record: { name, args, outcome: r.isError ? 'error' : 'ok' } };
  }

  /** One streamed completion; tokens go to onToken as they arrive. */
  private async complete(ev: TurnEvents): Promise<{ content: string; calls: { id: string; name: string; arguments: string }[] }> {
    const stream = await this.opts.openai.chat.completions.create(
      // Redacted again at the boundary: nothing with a secret in it (typed or returned) reaches the model.
      { model: this.opts.model, messages: redactSecrets(this.messages), tools: this.tools.map(toOpenAITool), stream: true },
      { signal: ev.signal },
    );
    let content = '';
    const calls: { id: string; name: string; arguments: string }[] = [];
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (!delta) continue;
      if (delta.content) {
        content += delta.content;
        ev.onToken?.(delta.content);
      }
      for (const tc of delta.tool_calls ?? []) {
        const slot = (calls[tc.index] ??= { id: '', name: '', arguments: '' });
        if (tc.id) slot.id = tc.id;
        if (tc.function?.name) slot.name += tc.function.name;
        if (tc.function?.arguments) slot.arguments += tc.function.arguments;
      }
    }
    // An aborted stream may end quietly instead of throwing; a cancelled turn must not count.
    if (ev.signal?.aborted) throw new ModelError('cancelled');
    return { content, calls: calls.filter(Boolean).map((c, i) => ({ ...c, id: c.id || `call_${i}` })) };
  }
}
