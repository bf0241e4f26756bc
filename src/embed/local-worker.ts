// A worker thread that embeds batches with the local model, so bulk ingest can use every core
// and a question is embedded beside the search's keyword half.
import { parentPort, workerData } from 'node:worker_threads';
import { loadUseLite } from './local-model.js';

const port = parentPort;
if (!port) throw new Error('local-worker must run as a worker thread');
/**
 * Questions of every length, embedded once the model loads and before any request: a fresh model
 * spends two to three times the CPU on its first hundred or so questions while V8 compiles
 * TensorFlow.js's code, and the first questions are the ones a user waits on.
 */
const WARM_UP = [
  'Is there a fix?',
  'Which vendor makes the affected controller?',
  'What is the CVSS score and vector of the command injection in the web interface?',
  'When did CISA add the flaw to the Known Exploited Vulnerabilities catalog, and what is the due date for agencies?',
  'Which products and firmware versions are affected by the buffer overflow described in the advisory, and what workaround does the vendor recommend until an update can be installed?',
];
const warmUpRounds = (workerData as { warmUpRounds?: number } | null)?.warmUpRounds ?? 0;

const model = loadUseLite().then(async (m) => {
  for (let i = 0; i < warmUpRounds * WARM_UP.length; i++) await m.embed([WARM_UP[i % WARM_UP.length]!]);
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
