/**
 * A scripted OpenAI-compatible embeddings endpoint on loopback for `npm run bench` at scale:
 * 512-d signed hashed bag-of-words vectors, computed in microseconds. USE-lite embeds about
 * 17 texts per CPU-second, so the full corpora (about 65,000 and 100,000 distinct inputs) take
 * hours on a shared 2-core machine; with this endpoint the bench measures everything else at
 * full size (ingest minus the model, the store, the index, search latency with the query
 * embedding included as an HTTP round trip, HNSW recall against exact search for these
 * vectors) through the real `openai` provider. Vector quality figures measured with it say
 * nothing about a real embedding model.
 *
 *   node dist/tools/scripted-embeddings.js   # prints the base URL, serves until killed
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

/** The model name and size the endpoint answers with. */
export const SCRIPTED_MODEL = 'scripted-hashed-bow';
export const SCRIPTED_DIMENSIONS = 512;

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

/** Each word adds ±1 to one of `dims` slots picked by its hash (the sign from another hash bit). */
export function hashedBagOfWords(text: string, dims = SCRIPTED_DIMENSIONS): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const h = createHash('md5').update(w).digest();
    v[h.readUInt32LE(0) % dims]! += h[4]! & 1 ? 1 : -1;
  }
  v[0]! += 0.01; // never the zero vector
  return v;
}

/** Starts the endpoint; `url` is the base URL for OPENAI_BASE_URL. */
export async function startScriptedEmbeddings(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    read(req)
      .then((raw) => {
        if (!req.url?.endsWith('/embeddings')) return void res.writeHead(404).end();
        const body = JSON.parse(raw) as { input: string | string[]; model: string };
        const input = Array.isArray(body.input) ? body.input : [body.input];
        const data = input.map((t, index) => ({ object: 'embedding', index, embedding: hashedBagOfWords(t) }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } }));
      })
      .catch((err: unknown) => res.writeHead(400).end(JSON.stringify({ error: { message: (err as Error).message } })));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The environment that points Storyline's `openai` provider at the endpoint. */
export const scriptedEnv = (url: string): Record<string, string> => ({
  STORYLINE_EMBEDDINGS: 'openai',
  OPENAI_BASE_URL: url,
  OPENAI_API_KEY: 'not-needed',
  STORYLINE_EMBEDDINGS_MODEL: SCRIPTED_MODEL,
  STORYLINE_EMBEDDINGS_DIMENSIONS: String(SCRIPTED_DIMENSIONS),
});

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startScriptedEmbeddings();
  process.stdout.write(`${url}\n`);
}
