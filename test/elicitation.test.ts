import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/mcp/server.js';
import { callTool, connectClient, FIXTURES, hashEmbedder, openTestApp, SEED_ID, tempDir, textOf } from './helpers.js';

type Answer = 'accept' | 'decline' | 'cancel';

/** A real SDK client that declares form elicitation and answers every question with `answer()`, recording what it was asked. */
async function elicitingClient(app: Awaited<ReturnType<typeof openTestApp>>, answer: () => Answer) {
  const server = createServer(app);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'eliciting-test', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
  const asked: ElicitRequest['params'][] = [];
  client.setRequestHandler(ElicitRequestSchema, (req) => {
    asked.push(req.params);
    const action = answer();
    return action === 'accept' ? { action, content: {} } : { action };
  });
  await client.connect(clientSide);
  await client.listTools();
  return { client, asked };
}

describe('action tools ask the person to confirm through elicitation', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let roots: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    roots = tempDir('storyline-roots-');
    copyFileSync(path.join(FIXTURES, 'extra-story.json'), path.join(roots.dir, 'extra-story.json'));
    app = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_INGEST_ROOTS: roots.dir } });
  });
  afterEach(() => {
    app.cleanup();
    roots.cleanup();
  });

  const create = { name: 'ICS watch', entities: ['Acme'], outbox: 'ics' };

  it('create_subscription: decline and cancel create nothing; accept creates it; the question says what and where', async () => {
    let answer: Answer = 'decline';
    const { client, asked } = await elicitingClient(app, () => answer);
    const declined = await client.callTool({ name: 'create_subscription', arguments: create });
    expect(declined.isError).toBe(true);
    expect(textOf(declined)).toMatch(/declined/);
    expect(await app.subscriptions.list({ owner: 'local', admin: true })).toHaveLength(0);

    answer = 'cancel';
    const cancelled = await client.callTool({ name: 'create_subscription', arguments: create });
    expect(cancelled.isError).toBe(true);
    expect(textOf(cancelled)).toMatch(/cancelled/);
    expect(await app.subscriptions.list({ owner: 'local', admin: true })).toHaveLength(0);

    answer = 'accept';
    const accepted = await client.callTool({ name: 'create_subscription', arguments: create });
    expect(accepted.isError).toBeFalsy();
    expect(await app.subscriptions.list({ owner: 'local', admin: true })).toHaveLength(1);

    expect(asked).toHaveLength(3);
    const q = asked[0]!;
    expect(q.mode).toBe('form');
    expect(q.message).toContain('"ICS watch"');
    expect(q.message).toContain('Acme');
    // Where the events go: the outbox file's real path under the data directory.
    expect(q.message).toContain(path.join(app.dir, 'outbox', 'ics.jsonl'));
    await client.close();
  });

  it('update_subscription asks only when the target changes; delete_subscription asks and keeps it on decline', async () => {
    let answer: Answer = 'accept';
    const { client, asked } = await elicitingClient(app, () => answer);
    const id = (await callTool(client, 'create_subscription', create)).structured.subscription.id;
    expect(asked).toHaveLength(1);

    // Pausing and renaming send nothing anywhere new: no question.
    const paused = await client.callTool({ name: 'update_subscription', arguments: { subscription_id: id, status: 'paused', name: 'ICS watch (paused)' } });
    expect(paused.isError).toBeFalsy();
    const sameTarget = await client.callTool({ name: 'update_subscription', arguments: { subscription_id: id, outbox: 'ics' } });
    expect(sameTarget.isError).toBeFalsy();
    expect(asked).toHaveLength(1);

    answer = 'decline';
    const moved = await client.callTool({ name: 'update_subscription', arguments: { subscription_id: id, outbox: 'elsewhere' } });
    expect(moved.isError).toBe(true);
    expect(asked).toHaveLength(2);
    expect(asked[1]!.message).toContain(path.join(app.dir, 'outbox', 'elsewhere.jsonl'));
    const after = (await app.subscriptions.get(id, { owner: 'local', admin: true })).subscription;
    expect(after.target).toEqual({ type: 'outbox', name: 'ics' });

    answer = 'accept';
    const movedNow = await client.callTool({ name: 'update_subscription', arguments: { subscription_id: id, outbox: 'elsewhere' } });
    expect(movedNow.isError).toBeFalsy();
    expect((await app.subscriptions.get(id, { owner: 'local', admin: true })).subscription.target).toEqual({ type: 'outbox', name: 'elsewhere' });

    answer = 'decline';
    const del = await client.callTool({ name: 'delete_subscription', arguments: { subscription_id: id } });
    expect(del.isError).toBe(true);
    expect(asked.at(-1)!.message).toMatch(/cannot be undone/);
    expect(await app.subscriptions.list({ owner: 'local', admin: true })).toHaveLength(1);
    answer = 'cancel';
    expect((await client.callTool({ name: 'delete_subscription', arguments: { subscription_id: id } })).isError).toBe(true);
    expect(await app.subscriptions.list({ owner: 'local', admin: true })).toHaveLength(1);
    answer = 'accept';
    expect((await client.callTool({ name: 'delete_subscription', arguments: { subscription_id: id } })).isError).toBeFalsy();
    expect(await app.subscriptions.list({ owner: 'local', admin: true })).toHaveLength(0);

    // An unknown id fails before anyone is asked anything.
    const n = asked.length;
    const unknown = await client.callTool({ name: 'delete_subscription', arguments: { subscription_id: 'sub_nope' } });
    expect(unknown.isError).toBe(true);
    expect(asked).toHaveLength(n);
    await client.close();
  });

  it('ingest_stories: decline and cancel store nothing; accept ingests; the question names the files', async () => {
    let answer: Answer = 'decline';
    const { client, asked } = await elicitingClient(app, () => answer);
    for (const a of ['decline', 'cancel'] as const) {
      answer = a;
      const r = await client.callTool({ name: 'ingest_stories', arguments: { paths: ['extra-story.json'] } });
      expect(r.isError).toBe(true);
      expect((await app.store.storyHash('test-ics-advisory'))).toBeNull();
    }
    expect(asked[0]!.message).toContain(path.join(roots.dir, 'extra-story.json'));
    answer = 'accept';
    const ok = await client.callTool({ name: 'ingest_stories', arguments: { paths: ['extra-story.json'] } });
    expect(ok.structuredContent).toMatchObject({ added: ['test-ics-advisory'] });
    expect((await app.store.storyHash('test-ics-advisory'))).not.toBeNull();
    await client.close();
  });

  it('a client without elicitation is not asked: the actions run as before', async () => {
    const client = await connectClient(app);
    const id = (await callTool(client, 'create_subscription', create)).structured.subscription.id;
    expect((await client.callTool({ name: 'update_subscription', arguments: { subscription_id: id, outbox: 'other' } })).isError).toBeFalsy();
    expect((await client.callTool({ name: 'ingest_stories', arguments: { paths: ['extra-story.json'] } })).isError).toBeFalsy();
    expect((await client.callTool({ name: 'delete_subscription', arguments: { subscription_id: id } })).isError).toBeFalsy();
    expect(await app.subscriptions.list({ owner: 'local', admin: true })).toHaveLength(0);
    expect(existsSync(app.dir)).toBe(true);
    // Read-only tools never ask.
    expect((await client.callTool({ name: 'get_story', arguments: { story_id: SEED_ID } })).isError).toBeFalsy();
    await client.close();
  });
});
