import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted local OpenAI-compatible embeddings endpoint. */
export interface FakeOpenAI {
  url: string;
  /** Inputs of every /embeddings request received, in order. */
  requests: string[][];
  /** Statuses to answer with before answering normally, consumed one per request. */
  failWith: number[];
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
  });

function vectorFor(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) v[createHash('md5').update(w).digest().readUInt16LE(0) % dims]! += 1;
  v[0]! += 0.01;
  return v;
}

/** Starts the endpoint on loopback; it answers `dims`-dimensional bag-of-words vectors. */
export async function startFakeOpenAI(dims: number): Promise<FakeOpenAI> {
  const state = { requests: [] as string[][], failWith: [] as number[] };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = JSON.parse(await read(req)) as { input: string | string[]; model: string };
      const fail = state.failWith.shift();
      if (fail) {
        res.writeHead(fail, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `scripted ${fail}` } }));
        return;
      }
      if (!req.url?.endsWith('/embeddings')) return void res.writeHead(404).end();
      const input = Array.isArray(body.input) ? body.input : [body.input];
      state.requests.push(input);
      const data = input.map((t, index) => ({ object: 'embedding', index, embedding: vectorFor(t, dims) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    get failWith() {
      return state.failWith;
    },
    set failWith(v: number[]) {
      state.failWith = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
