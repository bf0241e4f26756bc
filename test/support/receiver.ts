import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver does with a request: answer a status (with headers), or never answer. */
export type Reply = number | { status: number; headers?: Record<string, string> } | 'hang';

/** A real local webhook receiver on loopback with scripted replies. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Replies to use in order; when empty, `fallback` answers. */
  script: Reply[];
  fallback: Reply;
  /** Milliseconds to wait before answering. */
  delayMs: number;
  /** Requests keyed by webhook-id, with how often each came. */
  countsById(): Map<string, number>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 with a random port. */
export async function startReceiver(): Promise<Receiver> {
  const sockets = new Set<Socket>();
  const hanging: ServerResponse[] = [];
  const r: Omit<Receiver, 'url' | 'close'> = {
    received: [],
    script: [],
    fallback: 200,
    delayMs: 0,
    countsById() {
      const m = new Map<string, number>();
      for (const x of this.received) {
        const id = String(x.headers['webhook-id']);
        m.set(id, (m.get(id) ?? 0) + 1);
      }
      return m;
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      r.received.push({ headers: req.headers, body });
      const reply = r.script.shift() ?? r.fallback;
      if (reply === 'hang') return void hanging.push(res);
      const { status, headers } = typeof reply === 'number' ? { status: reply, headers: {} } : reply;
      setTimeout(() => res.writeHead(status, headers).end('ok'), r.delayMs);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign<Omit<Receiver, 'url' | 'close'>, Pick<Receiver, 'url' | 'close'>>(r, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
