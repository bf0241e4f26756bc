import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, connectClient, connectStdio, FIXTURES, hashEmbedder, openTestApp, SEED_ID, textOf } from './helpers.js';
import { connectTo } from './support/postgres.js';
import { startPostgresService, type PostgresService } from './support/postgres-service.js';

// "With STORYLINE_DATABASE_URL set, every tool, resource, prompt and CLI command works as on
// SQLite." The lists come from the server and from `storyline --help` themselves: a tool,
// resource, prompt or command added without a call here fails this test.

const EXPOSURE = path.join(FIXTURES, 'exposure');
const ADVISORY = 'ICSA-21-357-02';

type Structured = Record<string, unknown>;

describe('every surface on PostgreSQL', () => {
  // Its database is the CLI's; the in-process app gets one of its own.
  let svc: PostgresService;
  beforeAll(async () => {
    svc = await startPostgresService({ database: 'surface_cli' });
  }, 120_000);
  afterAll(() => svc?.stop());

  it('calls every tool the server lists, reads every resource and template, and gets every prompt', async () => {
    const { cluster, receiver } = svc;
    const url = await cluster.createDatabase('surface_mcp');
    const app = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_DATABASE_URL: url, STORYLINE_INGEST_ROOTS: EXPOSURE, STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true' } });
    let client: Client | undefined;
    try {
      client = await connectClient(app);
      const c = client;
      const call = async (name: string, args: Record<string, unknown>): Promise<Structured> => {
        const r = (await c.callTool({ name, arguments: args })) as CallToolResult;
        if (r.isError) throw new Error(`${name} failed on PostgreSQL: ${textOf(r)}`);
        expect(textOf(r).length, name).toBeGreaterThan(0);
        return r.structuredContent as Structured;
      };
      const ids: { citation?: string; quote?: string; subscription?: string; asset?: string } = {};
      // In order: each step may use what an earlier one made.
      const plan: Record<string, () => Promise<void>> = {
        ingest_stories: async () => {
          const r = await call('ingest_stories', { paths: [path.join(EXPOSURE, 'advisories'), path.join(EXPOSURE, 'kev-excerpt.json')] });
          expect(r.added).toContain(ADVISORY);
        },
        search_passages: async () => {
          const r = (await call('search_passages', { query: 'Who signed the executive order?', limit: 5 })) as { results: { story_id: string; citation_id: string; text: string }[] };
          expect(r.results[0]?.story_id).toBe(SEED_ID);
          ids.citation = r.results[0]!.citation_id;
          ids.quote = r.results[0]!.text.slice(0, 40);
        },
        get_story: async () => expect(await call('get_story', { story_id: SEED_ID })).toMatchObject({ id: SEED_ID }),
        get_timeline: async () => expect((await call('get_timeline', { story_id: SEED_ID })).events).toHaveLength(4),
        list_sources: async () => expect(((await call('list_sources', { story_id: SEED_ID })).sources as unknown[]).length).toBeGreaterThan(0),
        list_stories: async () => expect(((await call('list_stories', {})).stories as unknown[]).length).toBeGreaterThan(5),
        find_stories_by_entity: async () => expect((await call('find_stories_by_entity', { entity: 'ONCD' })).stories).toMatchObject([{ id: SEED_ID }]),
        verify_quote: async () => expect(await call('verify_quote', { citation_id: ids.citation, quote: ids.quote })).toMatchObject({ found: true }),
        import_assets: async () => {
          const r = await call('import_assets', { source: 'dc', items: [{ name: 'Exacq Enterprise Manager', vendor: 'Johnson Controls', version: '21.10', id: 'vms-9' }] });
          expect(r).toMatchObject({ assets: 1 });
        },
        list_assets: async () => {
          const r = (await call('list_assets', { source: 'dc' })) as { assets: { asset_id: string }[]; total: number };
          expect(r.total).toBe(1);
          ids.asset = r.assets[0]!.asset_id;
        },
        check_exposure: async () => expect(((await call('check_exposure', { cve: 'CVE-2021-44228' })).matches as { verdict: string }[])[0]).toMatchObject({ verdict: 'affected' }),
        exposure_report: async () => expect((await call('exposure_report', { kev_only: true })).total).toBe(1),
        remove_assets: async () => expect(await call('remove_assets', { asset_ids: [ids.asset] })).toEqual({ removed: 1 }),
        create_subscription: async () => {
          const r = (await call('create_subscription', { name: 'ics', query: 'default credentials', webhook_url: `${receiver.url}/hook` })) as { subscription: { id: string }; secret: string };
          expect(r.secret).toMatch(/^whsec_/);
          ids.subscription = r.subscription.id;
        },
        list_subscriptions: async () => expect((await call('list_subscriptions', {})).subscriptions).toMatchObject([{ id: ids.subscription }]),
        get_subscription: async () => expect(await call('get_subscription', { subscription_id: ids.subscription })).toMatchObject({ subscription: { id: ids.subscription } }),
        update_subscription: async () => expect(await call('update_subscription', { subscription_id: ids.subscription, name: 'ics-renamed' })).toMatchObject({ subscription: { name: 'ics-renamed' } }),
        test_subscription: async () => {
          expect(await call('test_subscription', { subscription_id: ids.subscription })).toMatchObject({ status: 200 });
          expect(receiver.received.length).toBeGreaterThan(0);
        },
        delete_subscription: async () => expect(await call('delete_subscription', { subscription_id: ids.subscription })).toEqual({ deleted: ids.subscription }),
      };
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect([...tools].sort()).toEqual(Object.keys(plan).sort());
      for (const step of Object.values(plan)) await step();

      // Resources: every listed one (each story in its three parts, the timeline view) and
      // every template filled with the seed story.
      const listed = (await client.listResources()).resources;
      expect(listed.filter((r) => r.uri.startsWith('story://')).length).toBe(3 * (await app.store.counts()).stories);
      for (const r of listed) {
        const read = await client.readResource({ uri: r.uri });
        expect(read.contents[0], r.uri).toMatchObject({ uri: r.uri });
        const body = read.contents[0] as { text?: string; blob?: string };
        expect((body.text ?? body.blob ?? '').length, r.uri).toBeGreaterThan(0);
      }
      const templates = (await client.listResourceTemplates()).resourceTemplates;
      expect(templates.length).toBeGreaterThan(0);
      for (const t of templates) {
        const uri = t.uriTemplate.replace(/\{(\w+)\}/g, (_, v: string) => {
          if (v !== 'id') throw new Error(`no value for template variable ${v} in ${t.uriTemplate}`);
          return SEED_ID;
        });
        const read = await client.readResource({ uri });
        expect(JSON.parse((read.contents[0] as { text: string }).text), uri).toBeTruthy();
        expect(read.contents[0], uri).toMatchObject({ uri, mimeType: 'application/json' });
      }
      const done = await client.complete({ ref: { type: 'ref/resource', uri: 'story://{id}' }, argument: { name: 'id', value: SEED_ID.slice(0, 4) } });
      expect(done.completion.values).toContain(SEED_ID);

      // Prompts, each with every argument it declares.
      const values: Record<string, string> = { question: 'Who signed the executive order?', story_id: SEED_ID };
      for (const p of (await client.listPrompts()).prompts) {
        const args = Object.fromEntries((p.arguments ?? []).map((a) => {
          const v = values[a.name];
          if (v === undefined) throw new Error(`no value for argument ${a.name} of prompt ${p.name}`);
          return [a.name, v];
        }));
        const got = await client.getPrompt({ name: p.name, arguments: args });
        expect(JSON.stringify(got.messages), p.name).toContain(p.arguments?.some((a) => a.name === 'story_id') ? SEED_ID : 'search_passages');
      }
      const prompted = await client.complete({ ref: { type: 'ref/prompt', name: 'brief_me' }, argument: { name: 'story_id', value: SEED_ID.slice(0, 4) } });
      expect(prompted.completion.values).toContain(SEED_ID);
    } finally {
      await client?.close();
      app.cleanup();
    }
  }, 120_000);

  it('runs every command `storyline --help` lists, and every subcommand, against PostgreSQL', async () => {
    const { cluster, cliEnv, receiver } = svc;
    const cli = async (args: string[], extra: Record<string, string> = {}, input = '') => {
      const r = await svc.cli(args, extra, input);
      expect(r.code, `storyline ${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    const json = async <T>(args: string[]) => JSON.parse((await cli([...args, '--json'])).stdout) as T;
    const exported = path.join(svc.dir, 'store.jsonl.gz');
    let subscription = '';
    let dead = '';
    const extraId = (JSON.parse(readFileSync(path.join(FIXTURES, 'extra-story.json'), 'utf8')) as { id: string }).id;
    const plan: Record<string, () => Promise<void>> = {
      // The bundled corpus is indexed on first start: serve did it for the stdio client.
      serve: async () => {
        const { client } = await connectStdio({ command: process.execPath, args: [CLI, 'serve'], env: { ...process.env, ...cliEnv } as Record<string, string> });
        try {
          const r = await client.callTool({ name: 'get_story', arguments: { story_id: SEED_ID } });
          expect(r.structuredContent).toMatchObject({ id: SEED_ID });
        } finally {
          await client.close();
        }
      },
      // Before the ingest, so that the advisory naming its CVE queues a delivery.
      'subscriptions create': async () => {
        const r = await json<{ subscription: { id: string } }>(['subscriptions', 'create', '--name', 'kev', '--entity', 'CVE-2021-44228', '--webhook', `${receiver.url}/cli`]);
        subscription = r.subscription.id;
      },
      ingest: async () => {
        const r = await json<{ added: string[] }>(['ingest', path.join(EXPOSURE, 'advisories'), path.join(EXPOSURE, 'kev-excerpt.json'), path.join(FIXTURES, 'extra-story.json')]);
        expect(r.added).toContain(ADVISORY);
      },
      // The advisory naming the subscribed CVE queued a delivery (sent here before any server's worker runs): the
      // receiver refuses it and one attempt is all it gets, so it dies, for `deliveries retry`.
      deliver: async () => {
        receiver.fallback = 500;
        const r = await cli(['deliver', '--json'], { STORYLINE_WEBHOOK_MAX_ATTEMPTS: '1' });
        receiver.fallback = 200;
        expect((JSON.parse(r.stdout) as { dead: number }).dead).toBeGreaterThan(0);
      },
      deliveries: async () => {
        const r = await json<{ id: string; status: string }[]>(['deliveries', '--subscription', subscription]);
        dead = r.find((d) => d.status === 'dead')?.id ?? '';
        expect(dead).toMatch(/^msg_/);
      },
      'deliveries retry': async () => {
        await cli(['deliveries', 'retry', dead]);
        const r = await json<{ id: string; status: string }[]>(['deliveries', '--subscription', subscription]);
        expect(r.find((d) => d.id === dead)?.status).toBe('delivered');
      },
      stories: async () => expect((await json<{ stories: { id: string }[] }>(['stories'])).stories.map((s) => s.id)).toContain(SEED_ID),
      ask: async () => {
        const r = await cli(['ask', 'Who signed the executive order?', '--story', SEED_ID]);
        expect(r.stdout).toMatch(/\[1\]/);
      },
      chat: async () => {
        const r = await cli(['chat'], {}, 'Who signed the executive order?\n');
        expect(r.stdout).toMatch(/\[1\]/);
      },
      'subscriptions list': async () => expect(await json(['subscriptions', 'list'])).toMatchObject([{ id: subscription }]),
      'subscriptions update': async () => expect(JSON.stringify(await json(['subscriptions', 'update', subscription, '--name', 'kev-renamed']))).toContain('"name":"kev-renamed"'),
      'subscriptions test': async () => {
        const before = receiver.received.length;
        expect(JSON.stringify(await json(['subscriptions', 'test', subscription]))).toContain('"status":200');
        expect(receiver.received.length).toBe(before + 1);
      },
      'assets import': async () => expect(await json(['assets', 'import', path.join(EXPOSURE, 'plant-a.csv')])).toMatchObject({ assets: 16 }),
      'assets list': async () => expect(await json(['assets', 'list'])).toMatchObject({ total: 16 }),
      exposure: async () => expect((await json<{ assets: unknown[] }>(['exposure'])).assets.length).toBeGreaterThan(0),
      'assets remove': async () => expect((await cli(['assets', 'remove', '--source', 'plant-a.csv'])).stdout).toBe('Removed 16 asset(s).\n'),
      'subscriptions delete': async () => expect((await cli(['subscriptions', 'delete', subscription])).stdout).toContain(subscription),
      export: async () => {
        await cli(['export', exported]);
        expect(existsSync(exported)).toBe(true);
      },
      import: async () => {
        const into = await cluster.createDatabase('surface_cli_copy');
        const r = await svc.cli(['import', exported, '--json'], { STORYLINE_DATABASE_URL: into });
        expect(r.code, r.stderr).toBe(0);
        const db = await connectTo(into);
        try {
          const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stories');
          expect(n!.n).toBe((JSON.parse(r.stdout) as { stories: number }).stories);
          expect(n!.n).toBeGreaterThan(5);
        } finally {
          await db.end();
        }
      },
      remove: async () => {
        await cli(['remove', extraId]);
        expect((await json<{ stories: { id: string }[] }>(['stories'])).stories.map((s) => s.id)).not.toContain(extraId);
      },
    };

    // Each command with what follows its name ("[options]", "<id>"): a group with nothing
    // there only holds subcommands; one with options runs itself too (deliveries).
    const commandsOf = (help: string) =>
      [...(help.split(/^Commands:$/m)[1]?.split(/\n\s*\n/)[0] ?? '').matchAll(/^ {2}(\S+)( \S+)*/gm)]
        .map((m) => ({ name: m[1]!, runs: m[0].trim() !== m[1] }))
        .filter((c) => c.name !== 'help');
    const listed: string[] = [];
    for (const c of commandsOf((await cli(['--help'])).stdout)) {
      const sub = commandsOf((await cli([c.name, '--help'])).stdout);
      if (c.runs || sub.length === 0) listed.push(c.name);
      listed.push(...sub.map((s) => `${c.name} ${s.name}`));
    }
    expect([...listed].sort()).toEqual(Object.keys(plan).sort());
    for (const step of Object.values(plan)) await step();
    // Nothing of the store went to the data directory.
    expect(existsSync(path.join(cliEnv.STORYLINE_DATA_DIR!, 'storyline.db'))).toBe(false);
  }, 300_000);
});
