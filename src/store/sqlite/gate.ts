/**
 * Keeps one SQLite connection's work out of an open write transaction. A story write runs
 * BEGIN IMMEDIATE, awaits its hooks, then commits; the hooks' reads and writes go straight to
 * the connection (they belong to the transaction), while everything else on the connection
 * (reads, claims, imports, subscription changes) passes through `run`, which waits for the
 * transaction to end first. Without it, a request whose await resumes while the hooks run
 * would read uncommitted rows, or write into a transaction that may still roll back.
 */
export class TxGate {
  private open: Promise<void> | null = null;

  /** Runs `fn` now when no write transaction is open, else as soon as it ends. */
  run<T>(fn: () => T): Promise<T> {
    if (this.open) return this.open.then(() => this.run(fn));
    // Synchronous work, rejecting rather than throwing when it fails.
    return new Promise<T>((resolve) => resolve(fn()));
  }

  /** Holds the gate shut while `fn` runs (the write transaction). */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    if (this.open) throw new Error('internal: a write transaction is already open on this connection');
    let release!: () => void;
    this.open = new Promise((r) => (release = r));
    try {
      return await fn();
    } finally {
      this.open = null;
      release();
    }
  }
}

/** Runs a synchronous piece of SQLite work through the gate. */
export type Gated = <T>(fn: () => T) => Promise<T>;
