import { createHash } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Store } from '../store/store.js';
import { parseStoryUri, storyPartJson, unsubscribable } from './resources.js';

type Listener = (uri: string) => void;

/**
 * How often subscribed stories are compared with the store. Writes made through this process
 * (ingest_stories) notify at once; the poll catches writes by other processes sharing the data
 * directory (`storyline ingest`), and costs one digest lookup per watched story.
 */
const POLL_MS = 1_000;

const digest = (text: string | null) => (text === null ? null : createHash('sha256').update(text).digest('hex'));

/**
 * The story resources some session subscribed to, for one store: every session of a process
 * shares it, so a re-ingest in one session reaches subscribers in all of them.
 */
export class StoryWatch {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Per URI, the digest of the content its subscribers last heard about. */
  private readonly seen = new Map<string, string | null>();
  /** Per watched story id, the stored story's content hash at the last check. */
  private readonly hashes = new Map<string, string | null>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly store: Store) {}

  /** Adds a subscriber to a story URI (subscribing twice is one subscription). */
  async subscribe(uri: string, listener: Listener): Promise<void> {
    const parsed = parseStoryUri(uri);
    if (!parsed) return;
    if (!this.listeners.has(uri)) {
      // Read before registering, so a check never sees a URI without its baseline.
      const seen = digest(await storyPartJson(this.store, parsed.id, parsed.part));
      const hash = this.hashes.has(parsed.id) ? undefined : await this.store.storyHash(parsed.id);
      if (!this.listeners.has(uri)) {
        this.listeners.set(uri, new Set());
        this.seen.set(uri, seen);
        if (hash !== undefined && !this.hashes.has(parsed.id)) this.hashes.set(parsed.id, hash);
      }
    }
    this.listeners.get(uri)?.add(listener);
    this.timer ??= setInterval(() => void this.check().catch(() => undefined), POLL_MS).unref();
  }

  /** Removes a subscriber; the last one out stops the watch on that URI. */
  unsubscribe(uri: string, listener: Listener): void {
    const set = this.listeners.get(uri);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(uri);
    this.seen.delete(uri);
    const id = parseStoryUri(uri)?.id;
    if (id !== undefined && ![...this.listeners.keys()].some((u) => parseStoryUri(u)?.id === id)) this.hashes.delete(id);
    if (this.listeners.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** How many URIs are watched (for tests and diagnostics). */
  size(): number {
    return this.listeners.size;
  }

  private checking: Promise<void> | null = null;

  /**
   * Compares every watched story with the store and tells the subscribers of each URI whose
   * content changed (a story re-ingested with new text, or removed). One check runs at a time;
   * a call during one waits for it and then checks again, so a write it follows is seen.
   */
  check(): Promise<void> {
    const run = (this.checking ?? Promise.resolve()).then(() => this.checkOnce());
    // The chain never holds a failure, so one failed check does not stop the next.
    const settled = run.catch(() => undefined);
    this.checking = settled;
    void settled.then(() => {
      if (this.checking === settled) this.checking = null;
    });
    return run;
  }

  private async checkOnce(): Promise<void> {
    const changed: string[] = [];
    try {
      for (const id of [...this.hashes.keys()]) {
        const now = await this.store.storyHash(id);
        if (now === this.hashes.get(id) || !this.hashes.has(id)) continue;
        this.hashes.set(id, now);
        changed.push(id);
      }
    } catch {
      // The store is closing: nothing to compare with.
      return;
    }
    if (changed.length === 0) return;
    for (const [uri, set] of this.listeners) {
      const parsed = parseStoryUri(uri);
      if (!parsed || !changed.includes(parsed.id)) continue;
      // A story can change without this part changing (new body, same timeline): say nothing then.
      let now: string | null;
      try {
        now = digest(await storyPartJson(this.store, parsed.id, parsed.part));
      } catch {
        return; // closing
      }
      if (now === this.seen.get(uri)) continue;
      this.seen.set(uri, now);
      for (const listener of set) listener(uri);
    }
  }
}

const watches = new WeakMap<Store, StoryWatch>();

/** The one StoryWatch of a store. */
export function storyWatch(store: Store): StoryWatch {
  let w = watches.get(store);
  if (!w) {
    w = new StoryWatch(store);
    watches.set(store, w);
  }
  return w;
}

/**
 * Serves resources/subscribe and resources/unsubscribe for story URIs on one session (the
 * high-level McpServer has no handlers for them). The session hears
 * notifications/resources/updated for what it subscribed to, until it unsubscribes or closes.
 */
export function registerResourceSubscriptions(server: McpServer, store: Store): void {
  const watch = storyWatch(store);
  const mine = new Set<string>();
  const notify: Listener = (uri) => void server.server.sendResourceUpdated({ uri }).catch(() => undefined);
  server.server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    const why = await unsubscribable(store, req.params.uri);
    if (why) throw new McpError(parseStoryUri(req.params.uri) ? -32002 : ErrorCode.InvalidParams, why);
    await watch.subscribe(req.params.uri, notify);
    mine.add(req.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (req) => {
    watch.unsubscribe(req.params.uri, notify);
    mine.delete(req.params.uri);
    return {};
  });
  const closed = server.server.onclose;
  server.server.onclose = () => {
    closed?.();
    for (const uri of mine) watch.unsubscribe(uri, notify);
    mine.clear();
  };
}
