// A worker thread that embeds batches with the local model, so bulk ingest can use every core.
import { parentPort } from 'node:worker_threads';
import { loadUseLite } from './local-model.js';

const port = parentPort;
if (!port) throw new Error('local-worker must run as a worker thread');
const model = loadUseLite();
// One batch at a time: batches started together interleave inside the model, so every one
// finishes near the end (progress stalls) and all their tensors are alive at once (memory).
let queue: Promise<unknown> = model;
port.on('message', (msg: { id: number; texts: string[] }) => {
  queue = queue
    .then(() => model)
    .then((m) => m.embed(msg.texts))
    .then((vectors) => port.postMessage({ id: msg.id, vectors }))
    .catch((err: unknown) => port.postMessage({ id: msg.id, error: (err as Error).message }));
});
