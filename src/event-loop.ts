/**
 * Lets pending I/O (other requests, /healthz, progress notifications) run before the caller
 * continues a long CPU-bound job such as an ingest. Promise chains alone never let it run.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
