import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER, type Caller } from '../src/actions/caller.js';
import { openSecretBox } from '../src/actions/secrets.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { callTool, connectClient, hashEmbedder, openTestApp, runCli, tempDir, textOf } from './helpers.js';

const ALICE: Caller = { owner: 'token:alice', admin: false };
const BOB: Caller = { owner: 'token:bob', admin: false };
const ADMIN: Caller = { owner: 'token:ops', admin: true };

interface Created {
  subscription: { id: string; owner: string; name: string; target: unknown };
  secret: string | null;
  replayed: boolean;
}

describe('owned subscriptions: callers see and change only their own; admins all', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let alice: Client;
  let bob: Client;
  let admin: Client;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder() });
    [alice, bob, admin] = await Promise.all([connectClient(app, { caller: ALICE }), connectClient(app, { caller: BOB }), connectClient(app, { caller: ADMIN })]);
  });
  afterAll(async () => {
    await Promise.all([alice.close(), bob.close(), admin.close()]);
    app.cleanup();
  });

  const call = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });
  const create = async (client: Client, args: Record<string, unknown>) => {
    const r = await callTool(client, 'create_subscription', args);
    return { created: r.structured, text: r.text };
  };
  const ids = async (client: Client) => (await callTool(client, 'list_subscriptions')).structured.subscriptions.map((s) => s.id).sort();

  it("another caller's subscription answers exactly like an unknown id; the admin sees and changes it", async () => {
    const { created: a } = await create(alice, { name: "Alice's", entities: ['CISA'], outbox: 'alice' });
    const { created: b } = await create(bob, { name: "Bob's", entities: ['CISA'], outbox: 'bob' });
    expect(a.subscription.owner).toBe('token:alice');
    expect(b.subscription.owner).toBe('token:bob');

    expect(await ids(alice)).toEqual([a.subscription.id]);
    expect(await ids(bob)).toEqual([b.subscription.id]);
    expect(await ids(admin)).toEqual([a.subscription.id, b.subscription.id].sort());

    // Bob tries everything on Alice's id, and on an id that never existed: the same answers.
    const unknown = 'sub_doesnotexist';
    const tries: [string, Record<string, unknown>][] = [
      ['get_subscription', {}],
      ['update_subscription', { webhook_url: 'https://bob.example/steal', name: 'mine now' }],
      ['test_subscription', {}],
      ['delete_subscription', {}],
    ];
    for (const [tool, extra] of tries) {
      const theirs = await call(bob, tool, { subscription_id: a.subscription.id, ...extra });
      const none = await call(bob, tool, { subscription_id: unknown, ...extra });
      expect(theirs.isError, tool).toBe(true);
      expect(none.isError, tool).toBe(true);
      expect(textOf(theirs).replace(a.subscription.id, '<id>'), tool).toBe(textOf(none).replace(unknown, '<id>'));
      expect(textOf(theirs), tool).toMatch(/unknown subscription/);
    }
    // Nothing of Alice's changed, and no test delivery was queued for it.
    const mine = await call(alice, 'get_subscription', { subscription_id: a.subscription.id });
    expect(mine.structuredContent).toMatchObject({ subscription: { name: "Alice's", target: { type: 'outbox', name: 'alice' } }, deliveries: [] });

    // Deliveries follow the subscription's visibility.
    await call(alice, 'test_subscription', { subscription_id: a.subscription.id });
    expect(await app.subscriptions.deliveries(BOB, { limit: 10 })).toEqual([]);
    await expect(app.subscriptions.deliveries(BOB, { subscription_id: a.subscription.id, limit: 10 })).rejects.toThrow(/unknown subscription/);
    expect(await app.subscriptions.deliveries(ALICE, { limit: 10 })).toHaveLength(1);
    expect(await app.subscriptions.deliveries(ADMIN, { limit: 10 })).toHaveLength(1);

    // The admin can read, change, test and delete anyone's.
    expect((await call(admin, 'get_subscription', { subscription_id: a.subscription.id })).isError).toBeFalsy();
    expect((await call(admin, 'update_subscription', { subscription_id: a.subscription.id, status: 'paused' })).structuredContent).toMatchObject({
      subscription: { status: 'paused', owner: 'token:alice' },
    });
    expect((await call(admin, 'delete_subscription', { subscription_id: b.subscription.id })).isError).toBeFalsy();
    expect(await ids(bob)).toEqual([]);
    expect((await call(alice, 'delete_subscription', { subscription_id: a.subscription.id })).isError).toBeFalsy();
  });

  it('matching and delivery ignore ownership: every active subscription matches', async () => {
    const { created: a } = await create(alice, { name: 'a-ics', query: 'Acme controllers', outbox: 'a-ics' });
    const { created: b } = await create(bob, { name: 'b-ics', query: 'Acme controllers', outbox: 'b-ics' });
    const file = path.join(app.dir, 'owned-match.json');
    writeFileSync(file, JSON.stringify({ id: 'owned-match', title: 'Acme Controllers flaw', body: 'Acme Controllers shipped a fix for a remote code execution flaw in its PLCs.' }));
    await app.ingestPaths([file]);
    for (const s of [a, b]) expect((await app.subscriptions.store.deliveries({ subscription_id: s.subscription.id, limit: 5 })).map((d) => d.event_type)).toEqual(['story.created']);
  });

  it('an idempotency key is scoped to its caller: the same key from two callers makes two subscriptions', async () => {
    const args = { name: 'same key', entities: ['FBI'], outbox: 'keyed', idempotency_key: 'req-shared' };
    const { created: a } = await create(alice, args);
    const { created: b } = await create(bob, args);
    expect(b.replayed).toBe(false);
    expect(b.subscription.id).not.toBe(a.subscription.id);
    expect(a.secret).toMatch(/^whsec_/);
    expect(b.secret).toMatch(/^whsec_/);
    expect(b.secret).not.toBe(a.secret);
  });

  it('the secret is shown once: a replay returns the subscription without it, and other arguments under the same key are refused', async () => {
    const args = { name: 'once only', query: 'ransomware', outbox: 'once', idempotency_key: 'req-once' };
    const first = await create(alice, args);
    expect(first.created.secret).toMatch(/^whsec_/);

    const again = await create(alice, { ...args, name: '  once only ' });
    expect(again.created).toMatchObject({ replayed: true, secret: null, subscription: { id: first.created.subscription.id } });
    expect(again.text).not.toContain('whsec_');
    expect(again.text).toMatch(/not shown again/);

    const before = await ids(alice);
    const other = await call(alice, 'create_subscription', { ...args, name: 'a different name', webhook_url: undefined, outbox: 'elsewhere' });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/idempotency_key "req-once" was already used with different arguments \(409 Conflict\)/);
    expect(textOf(other)).not.toContain('whsec_');
    expect(await ids(alice)).toEqual(before);
    const kept = await call(alice, 'get_subscription', { subscription_id: first.created.subscription.id });
    expect(kept.structuredContent).toMatchObject({ subscription: { name: 'once only', target: { type: 'outbox', name: 'once' } } });
  });

  it('the CLI acts for the local admin: it lists every owner\'s subscriptions and creates as "local"', async () => {
    const env = { STORYLINE_DATA_DIR: app.dir, STORYLINE_LOG_LEVEL: 'error' };
    const created = await runCli(['subscriptions', 'create', '--name', 'from the cli', '--entity', 'CISA', '--outbox', 'cli', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    expect((JSON.parse(created.stdout) as Created).subscription.owner).toBe('local');
    const listed = await runCli(['subscriptions', 'list', '--json'], env);
    const owners = new Set((JSON.parse(listed.stdout) as { owner: string }[]).map((s) => s.owner));
    expect(owners).toEqual(new Set(['token:alice', 'token:bob', 'local']));
    expect((await app.subscriptions.list(LOCAL_CALLER)).length).toBe((JSON.parse(listed.stdout) as unknown[]).length);
  });
});

/** The tables as they were before subscriptions had owners. */
const V1_SCHEMA = `
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, query TEXT, query_vector BLOB, threshold REAL NOT NULL, entities TEXT NOT NULL,
  follow_story_id TEXT, target TEXT NOT NULL, secret TEXT NOT NULL, status TEXT NOT NULL, disabled_reason TEXT,
  idempotency_key TEXT UNIQUE, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE, event_type TEXT NOT NULL,
  story_id TEXT, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
  locked_until INTEGER, last_status INTEGER, last_error TEXT, created_at TEXT NOT NULL, delivered_at TEXT
);
CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
CREATE INDEX deliveries_sub ON deliveries(subscription_id, created_at);
`;

describe('a database from before owners', () => {
  it('keeps its subscriptions and deliveries, gives them owner "local", and scopes idempotency keys per owner', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const box = openSecretBox(dir);
      const old = new Database(path.join(dir, 'storyline.db'));
      old.pragma('foreign_keys = ON');
      old.exec(V1_SCHEMA);
      const now = new Date().toISOString();
      old
        .prepare(`INSERT INTO subscriptions VALUES ('sub_old', 'old one', NULL, NULL, 0.45, '["CISA"]', NULL, '{"type":"outbox","name":"old"}', ?, 'active', NULL, 'k-old', ?, ?)`)
        .run(box.seal('whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZC1zZWNyZXQ='), now, now);
      old.prepare(`INSERT INTO deliveries (id, subscription_id, event_type, payload, status, attempts, next_attempt_at, created_at) VALUES ('msg_old', 'sub_old', 'story.created', '{}', 'pending', 2, 0, ?)`).run(now);
      old.close();

      const app = await openApp(loadConfig({ env: { STORYLINE_DATA_DIR: dir }, cwd: dir }), { embedder: hashEmbedder(), log: createLogger('silent') });
      try {
        expect(await app.subscriptions.list(LOCAL_CALLER)).toMatchObject([{ id: 'sub_old', owner: 'local', name: 'old one' }]);
        expect(await app.subscriptions.deliveries(LOCAL_CALLER, { limit: 10 })).toMatchObject([{ id: 'msg_old', attempts: 2, claims: 0, status: 'pending' }]);
        // The old key replays for its owner (without the secret) and is free for another owner.
        const replay = await app.subscriptions.create({ name: 'old one', entities: ['CISA'], outbox: 'old', idempotency_key: 'k-old' }, LOCAL_CALLER);
        expect(replay).toMatchObject({ replayed: true, secret: null, subscription: { id: 'sub_old' } });
        const other = await app.subscriptions.create({ name: 'new one', entities: ['CISA'], outbox: 'new', idempotency_key: 'k-old' }, ALICE);
        expect(other).toMatchObject({ replayed: false, subscription: { owner: 'token:alice' } });
        // The old secret still signs: the outbox line verifies.
        expect((await app.subscriptions.test('sub_old', LOCAL_CALLER)).result.outcome).toBe('delivered');
        // Deleting still cascades to deliveries after the rebuild.
        await app.subscriptions.delete('sub_old', LOCAL_CALLER);
        expect(await app.subscriptions.store.getDelivery('msg_old')).toBeNull();
      } finally {
        await app.close();
      }
      // Opening it again is a no-op.
      const again = await openApp(loadConfig({ env: { STORYLINE_DATA_DIR: dir }, cwd: dir }), { embedder: hashEmbedder(), log: createLogger('silent') });
      expect((await again.subscriptions.list(LOCAL_CALLER)).map((s) => s.owner)).toEqual(['token:alice']);
      await again.close();
    } finally {
      cleanup();
    }
  });
});
