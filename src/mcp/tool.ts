import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Caller } from '../actions/caller.js';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import { errorKind } from '../errors.js';
import { storyWatch } from './resource-subscriptions.js';
import { confirmAction, type Confirmation } from './confirm.js';

/**
 * What tools, resources and prompts are given: the store, retrieval, subscriptions, exposure,
 * and of the configuration only the server paths the file-reading tools check and name.
 */
export type ServerDeps = Pick<App, 'store' | 'retriever' | 'log' | 'subscriptions' | 'ingestPaths' | 'exposure'> & {
  config: Pick<Config, 'ingestRoots' | 'dataDir'>;
};

/** What a tool handler returns: structured content and its readable rendering. */
export interface ToolOutput<O> {
  structured: O;
  text: string;
}

/** What a tool promises a client: name, words, schemas and annotations. */
export interface ToolContract<I extends z.ZodRawShape = z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** Tool metadata for clients, such as the MCP Apps view (`_meta.ui.resourceUri`) that renders its result. */
  meta?: Record<string, unknown>;
}

/** What a running call can tell its client besides its result. */
export interface ToolContext {
  /** Sends a progress notification when the client asked for them (a progressToken). */
  progress(done: number, total: number, message?: string): Promise<void>;
  /** Tells the client the list of resources changed, and every subscribed session which stories changed. */
  resourcesChanged(): void;
  /**
   * Asks the person to confirm before an action (see confirm.ts): resolves when they accept or
   * the client cannot ask; throws NotConfirmedError, a domain error, when they do not.
   */
  confirm: (c: Confirmation) => Promise<void>;
  signal: AbortSignal;
  /** Who the connection acts for: action tools pass it on, so callers act only on what they own. */
  caller: Caller;
}

/** One MCP tool: its contract and a thin handler. */
export interface ToolDefinition<I extends z.ZodRawShape, O extends z.ZodRawShape> extends ToolContract<I, O> {
  handler(args: z.infer<z.ZodObject<I>>, deps: ServerDeps, ctx: ToolContext): ToolOutput<z.infer<z.ZodObject<O>>> | Promise<ToolOutput<z.infer<z.ZodObject<O>>>>;
}

/** Declares a tool; the identity function keeps its input and output types tied together. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(def: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return def;
}

/** An isError result with a message, as domain errors are returned. */
export function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** Registers a tool acting for `caller`; domain errors become isError results, anything else is logged and reported briefly. */
export function registerTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  server: McpServer,
  def: ToolDefinition<I, O>,
  deps: ServerDeps,
  caller: Caller,
): void {
  // Registered with the shape widened: the SDK's callback type is a conditional type that stays
  // unresolved for a generic I. It validates arguments against this very shape before calling.
  const input: z.ZodRawShape = def.input;
  server.registerTool(
    def.name,
    {
      title: def.title,
      description: def.description,
      inputSchema: input,
      outputSchema: def.output,
      annotations: { title: def.title, ...def.annotations },
      ...(def.meta ? { _meta: def.meta } : {}),
    },
    async (args, extra: RequestHandlerExtra<ServerRequest, ServerNotification>): Promise<CallToolResult> => {
      const token = extra._meta?.progressToken;
      const ctx: ToolContext = {
        progress: (progress, total, message) =>
          token === undefined
            ? Promise.resolve()
            : extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total, ...(message ? { message } : {}) } }),
        resourcesChanged: () => {
          server.sendResourceListChanged();
          void storyWatch(deps.store).check().catch(() => undefined);
        },
        confirm: (c) => confirmAction(server.server, extra, c),
        signal: extra.signal,
        caller,
      };
      try {
        const out = await def.handler(args as z.infer<z.ZodObject<I>>, deps, ctx);
        return { content: [{ type: 'text', text: out.text }], structuredContent: out.structured };
      } catch (err) {
        // Every kind but internal is one the caller can act on: its message is the whole answer.
        if (errorKind(err) !== 'internal') return errorResult(`${def.name}: ${(err as Error).message}`);
        deps.log.error(`${def.name} failed: ${(err as Error).stack ?? String(err)}`);
        return errorResult(`${def.name}: internal error (${(err as Error).message}); the server log has details`);
      }
    },
  );
}
