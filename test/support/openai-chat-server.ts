import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat request as the fake endpoint saw it. */
export interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: { function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { function: { name: string } }[];
  stream?: boolean;
}

/** What the fake model does for one request. */
export type ChatReply =
  | { content: string; delayMs?: number }
  | { toolCalls: { name: string; arguments: string }[] }
  | { status: number; body?: unknown; headers?: Record<string, string> };

/** A scripted local OpenAI-compatible chat endpoint that streams as the real API does. */
export interface FakeChat {
  url: string;
  requests: ChatRequest[];
  /** Replies in order; each may look at the request (to cite ids the tools returned). */
  script: ((req: ChatRequest) => ChatReply)[];
  close(): Promise<void>;
}

const chunk = (delta: unknown, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model: 'test-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** Starts the endpoint on loopback. Unscripted requests get a 500. */
export async function startFakeChat(): Promise<FakeChat> {
  const state: Omit<FakeChat, 'url' | 'close'> = { requests: [], script: [] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const request = JSON.parse(body) as ChatRequest;
      state.requests.push(request);
      const step = state.script.shift();
      const reply: ChatReply = step ? step(request) : { status: 500, body: { error: { message: 'unscripted request' } } };
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}` } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk({ role: 'assistant', content: '' }));
      if ('content' in reply) {
        // Several small pieces, split mid-word and mid-citation, as a real stream is.
        const pieces: string[] = [];
        for (let i = 0; i < reply.content.length; i += 7) pieces.push(reply.content.slice(i, i + 7));
        const send = () => {
          const p = pieces.shift();
          if (p === undefined || res.destroyed) {
            res.write(chunk({}, 'stop'));
            return void res.end('data: [DONE]\n\n');
          }
          res.write(chunk({ content: p }));
          if (reply.delayMs) setTimeout(send, reply.delayMs);
          else send();
        };
        return send();
      } else {
        reply.toolCalls.forEach((tc, index) => {
          res.write(chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: tc.name, arguments: '' } }] }));
          for (let i = 0; i < tc.arguments.length; i += 5) res.write(chunk({ tool_calls: [{ index, function: { arguments: tc.arguments.slice(i, i + 5) } }] }));
        });
        res.write(chunk({}, 'tool_calls'));
      }
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

/** The citation ids in the tool results the model has seen so far. */
export function citationIdsSeen(req: ChatRequest): string[] {
  return req.messages.filter((m) => m.role === 'tool').flatMap((m) => (m.content ?? '').match(/\b[btsevr]_[0-9a-f]{16}\b/g) ?? []);
}
