// A worker thread that embeds batches with the local model, so bulk ingest can use every core
// and a question is embedded beside the search's keyword half.
import { parentPort, workerData } from 'node:worker_threads';
import { loadUseLite } from './local-model.js';
import { WARM_UP_QUESTIONS } from './warm-up.js';

const port = parentPort;
if (!port) throw new Error('local-worker must run as a worker thread');
const warmUpRounds = (workerData as { warmUpRounds?: number } | null)?.warmUpRounds ?? 0;

const model = loadUseLite().then(async (m) => {
  // Before any request (see WARM_UP_QUESTIONS): the first question a user waits on comes after.
  for (let r = 0; r < warmUpRounds; r++) for (const q of WARM_UP_QUESTIONS) await m.embed([q]);
  return m;
});
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
