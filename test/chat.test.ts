import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import OpenAI from 'openai';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatSession } from '../src/chat/session.js';
import { CLI, connectClient, FIXTURES, hashEmbedder, openTestApp, runCli, SEED_ID, tempDir, waitFor } from './helpers.js';
import { loadQuestionSet } from '../tools/eval-lib.js';
import { citationIdsSeen, startFakeChat, type FakeChat } from './support/openai-chat-server.js';

/** Runs `storyline chat` with piped stdin, as a person typing would feed it. */
const chat = (lines: string[], env: Record<string, string>) => runCli(['chat'], env, `${lines.join('\n')}\n`);

const toolText = (req: Parameters<FakeChat['script'][number]>[0]) => req.messages.filter((m) => m.role === 'tool').map((m) => m.content ?? '').join('\n');

describe('storyline ask and chat with a model (real openai SDK, real MCP client, local OpenAI-compatible server)', () => {
  let fake: FakeChat;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startFakeChat();
    ({ dir, cleanup } = tempDir());
    env = { STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'error', STORYLINE_CHAT_MODEL: 'test-model', OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test-key' };
    expect((await runCli(['ingest'], env)).code).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    cleanup();
  });

  it('ask: tool calls reach the server, results go back, citations are numbered and quotes verified or flagged', async () => {
    fake.requests.length = 0;
    fake.script.push(
      () => ({ toolCalls: [{ name: 'search_passages', arguments: JSON.stringify({ query: 'binding operational directive', limit: 3 }) }] }),
      (req) => {
        const id = citationIdsSeen(req).find((x) => x.startsWith('t_'))!;
        return { content: `CISA said it would issue "a binding operational directive to federal agencies" [${id}]. It also said "the directive bans all AI models" [${id}].` };
      },
    );
    const r = await runCli(['ask', 'What did CISA say it would issue?', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { mode: string; answer: string; citations: { n: number; retrieved: boolean; passage: { field: string } }[]; quotes: { verified: boolean }[]; tool_calls: { name: string; outcome: string }[] };
    expect(out.mode).toBe('model');
    expect(out.answer).toBe('CISA said it would issue "a binding operational directive to federal agencies" [1]. It also said "the directive bans all AI models" [1].');
    expect(out.citations).toHaveLength(1);
    expect(out.citations[0]).toMatchObject({ n: 1, retrieved: true, passage: { field: 'timeline[0].text' } });
    expect(out.quotes.map((q) => q.verified)).toEqual([true, false]);
    expect(out.tool_calls).toEqual([{ name: 'search_passages', args: { query: 'binding operational directive', limit: 3 }, outcome: 'ok' }]);
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(first!.messages[0]!.role).toBe('system');
    expect(first!.messages[0]!.content).toMatch(/cite the citation_id/i);
    expect(first!.tools!.map((t) => t.function.name)).toContain('verify_quote');
    expect(first!.stream).toBe(true);
    expect(toolText(second!)).toContain('<untrusted-passage');
  });

  it('ask prints the flagged quote and the sources list for people', async () => {
    fake.script.push(
      () => ({ toolCalls: [{ name: 'list_sources', arguments: JSON.stringify({ story_id: SEED_ID }) }] }),
      (req) => {
        const id = /therecord\.media[^\n]*citation_id (s_[0-9a-f]{16})/.exec(toolText(req))![1]!;
        return { content: `The Record reported "CISA directive for AI executive order to be released this week" [${id}]. It also wrote "a total fabrication" [${id}].` };
      },
    );
    const r = await runCli(['ask', 'Who reported the directive?'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[1\]\. It also wrote/);
    expect(r.stdout).toMatch(/Sources:\n\[1\] therecord\.media, "CISA directive/);
    expect(r.stdout).toContain('verified quote: "CISA directive for AI executive order to be released this week"');
    expect(r.stdout).toContain('UNVERIFIED QUOTE: "a total fabrication"');
    expect(r.stderr).toContain('-> list_sources');
  });

  it('chat: two turns and a follow-up keep history, show tool calls, and confirm an action before it runs', async () => {
    fake.requests.length = 0;
    fake.script.push(
      () => ({ toolCalls: [{ name: 'search_passages', arguments: JSON.stringify({ query: 'who signed the order' }) }] }),
      (req) => ({ content: `President Trump signed it [${citationIdsSeen(req)[0]!}].` }),
      (req) => {
        // The follow-up arrives with the earlier question and answer in the history.
        expect(req.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
        return { toolCalls: [{ name: 'list_sources', arguments: JSON.stringify({ story_id: SEED_ID }) }] };
      },
      (req) => ({ content: `It was reported by therecord.media [${/therecord\.media[^\n]*citation_id (s_[0-9a-f]{16})/.exec(toolText(req))![1]!}].` }),
      () => ({ toolCalls: [{ name: 'create_subscription', arguments: JSON.stringify({ name: 'AI policy', query: 'AI executive order', outbox: 'team-ai' }) }] }),
      () => ({ content: 'Your team is subscribed.' }),
    );
    const r = await chat(['Who signed the order?', 'and who reported that?', 'Subscribe my team to AI executive order news', 'y', '/sources', '/tools', '/exit'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('-> search_passages {"query":"who signed the order"}');
    expect(r.stdout).toContain('storyline> President Trump signed it [1].');
    expect(r.stdout).toContain('-> list_sources');
    expect(r.stdout).toMatch(/storyline> It was reported by therecord\.media \[1\]\.\nSources:\n\[1\] therecord\.media/);
    expect(r.stdout).toMatch(/create_subscription changes state: .*\n {2}Run it\? \[y\/N\] +confirmed/);
    expect(r.stdout).toContain('storyline> Your team is subscribed.');
    expect(r.stdout).toMatch(/t_[0-9a-f]{16}: "White House AI Order/);
    expect(r.stdout).toContain('create_subscription (changes state: asks first)');
    const subs = await runCli(['subscriptions', 'list', '--json'], env);
    expect((JSON.parse(subs.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['AI policy']);
  });

  it('chat: Ctrl-C cancels the current answer, not the session; /save writes the history', async () => {
    fake.script.push(() => ({ content: 'This answer streams very slowly and will be cancelled before it ends.', delayMs: 300 }), () => ({ content: 'Still here.' }));
    const child = spawn(process.execPath, [CLI, 'chat'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin.write('Tell me slowly\n');
    await waitFor(() => stdout.includes('storyline> '), 30_000);
    child.kill('SIGINT');
    await waitFor(() => stdout.includes('(cancelled)'), 30_000);
    child.stdin.end('Are you there?\n/save\n/exit\n');
    await new Promise((r) => child.once('close', r));
    expect(stdout).toContain('(cancelled)');
    expect(stdout).not.toContain('before it ends.');
    expect(stdout).toContain('storyline> Still here.');
    const saved = /Saved to (\S+)/.exec(stdout)![1]!;
    const history = JSON.parse(readFileSync(saved, 'utf8')) as { messages: { role: string; content: string }[] };
    expect(history.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(history.messages[1]!.content).toBe('Are you there?');
  });

  it('chat: a declined action does not run', async () => {
    fake.script.push(
      () => ({ toolCalls: [{ name: 'create_subscription', arguments: JSON.stringify({ name: 'Declined', entities: ['CISA'], outbox: 'nope' }) }] }),
      (req) => ({ content: req.messages.at(-1)!.content!.includes('declined') ? 'Understood, nothing was created.' : 'wrong' }),
    );
    const r = await chat(['Subscribe me to CISA news', 'n', '/exit'], env);
    expect(r.stdout).toContain('skipped');
    expect(r.stdout).toContain('Understood, nothing was created.');
    const subs = await runCli(['subscriptions', 'list', '--json'], env);
    expect((JSON.parse(subs.stdout) as { name: string }[]).map((s) => s.name)).not.toContain('Declined');
  });

  const createCall = (name: string, outbox: string) => () => ({ toolCalls: [{ name: 'create_subscription', arguments: JSON.stringify({ name, entities: ['CISA'], outbox }) }] });
  // A secret's value (the tool descriptions mention "whsec_..." and may reach the model).
  const SECRET = /whsec_[A-Za-z0-9+/]{20,}={0,2}/g;

  it("chat: a new subscription's secret and id are shown to the person once; the model and the 0600 transcript get a placeholder", async () => {
    fake.requests.length = 0;
    fake.script.push(createCall('Secret keeper', 'secret-keeper'), (req) => ({
      content: toolText(req).includes('[secret shown to the user]') ? 'Subscribed; the secret was shown to you.' : 'no placeholder',
    }));
    const r = await chat(['Subscribe me to CISA news', 'y', '/save', '/exit'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('storyline> Subscribed; the secret was shown to you.');
    const shown = r.stdout.match(SECRET) ?? [];
    expect(shown).toHaveLength(1);
    const subs = JSON.parse((await runCli(['subscriptions', 'list', '--json'], env)).stdout) as { id: string; name: string }[];
    const sub = subs.find((s) => s.name === 'Secret keeper')!;
    expect(r.stdout).toContain(sub.id);

    expect(fake.requests).toHaveLength(2);
    expect(JSON.stringify(fake.requests)).not.toMatch(SECRET);
    expect(JSON.stringify(fake.requests)).not.toContain(shown[0]!.slice(6));
    const saved = /Saved to (\S+)/.exec(r.stdout)![1]!;
    const transcript = readFileSync(saved, 'utf8');
    expect(transcript).not.toContain('whsec_');
    expect(transcript).toContain('[secret shown to the user]');
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(saved)).mode & 0o777).toBe(0o700);

    // What the person was shown is the real signing secret.
    expect((await runCli(['subscriptions', 'test', sub.id], env)).code).toBe(0);
    const line = JSON.parse(readFileSync(path.join(dir, 'data', 'outbox', 'secret-keeper.jsonl'), 'utf8').trim()) as { headers: Record<string, string>; payload: unknown };
    new Webhook(shown[0]!).verify(JSON.stringify(line.payload), line.headers);
  });

  it('ask --yes: the secret goes to the person on stderr, never to the model or the JSON answer', async () => {
    fake.requests.length = 0;
    fake.script.push(createCall('Asked for', 'asked-for'), (req) => ({ content: toolText(req).includes('[secret shown to the user]') ? 'Done.' : 'no placeholder' }));
    const r = await runCli(['ask', 'Subscribe me to CISA news', '--yes', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ answer: 'Done.' });
    expect(r.stdout).not.toContain('whsec_');
    expect(r.stderr.match(SECRET)).toHaveLength(1);
    expect(r.stderr).toMatch(/create_subscription returned a secret, shown only here/);
    expect(JSON.stringify(fake.requests)).not.toMatch(SECRET);
    expect(JSON.stringify(fake.requests)).not.toContain(r.stderr.match(SECRET)![0].slice(6));
  });
});

describe('model errors get clear messages and the session goes on', () => {
  let fake: FakeChat;
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let mcp: Client;
  const session = (baseURL: string, maxRetries = 0) => new ChatSession(mcp, { openai: new OpenAI({ apiKey: 'k', baseURL, maxRetries, timeout: 5_000 }), model: 'test-model' });
  beforeAll(async () => {
    fake = await startFakeChat();
    app = await openTestApp({ embedder: hashEmbedder() });
    mcp = await connectClient(app);
  });
  afterAll(async () => {
    await mcp.close();
    await fake.close();
    app.cleanup();
  });

  it('unreachable endpoint', async () => {
    const s = session('http://127.0.0.1:9/v1');
    await s.start();
    await expect(s.ask('hello')).rejects.toThrow(/cannot reach the model endpoint at http:\/\/127\.0\.0\.1:9\/v1/);
    expect(s.history()).toHaveLength(1);
  });

  it('401, then the next turn works', async () => {
    const s = session(fake.url);
    await s.start();
    fake.script.push(() => ({ status: 401, body: { error: { message: 'bad key', type: 'invalid_request_error' } } }));
    await expect(s.ask('hello')).rejects.toThrow(/rejected the API key \(401\)/);
    fake.script.push(() => ({ content: 'Hello again.' }));
    expect((await s.ask('hello?')).text).toBe('Hello again.');
    expect(s.history().map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
  });

  it('429 is retried', async () => {
    const s = session(fake.url, 2);
    await s.start();
    fake.script.push(() => ({ status: 429, headers: { 'retry-after-ms': '20' } }), () => ({ content: 'After the wait.' }));
    expect((await s.ask('busy?')).text).toBe('After the wait.');
    fake.script.push(() => ({ status: 429, headers: { 'retry-after-ms': '10' } }), () => ({ status: 429, headers: { 'retry-after-ms': '10' } }), () => ({ status: 429, headers: { 'retry-after-ms': '10' } }));
    await expect(s.ask('still busy?')).rejects.toThrow(/rate limiting \(429\)/);
  });

  it('context too long', async () => {
    const s = session(fake.url);
    await s.start();
    fake.script.push(() => ({ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens", code: 'context_length_exceeded', type: 'invalid_request_error' } } }));
    await expect(s.ask('x'.repeat(1000))).rejects.toThrow(/too long for the model; type \/reset/);
  });

  it('a tool call with bad arguments goes back to the model, which recovers', async () => {
    const s = session(fake.url);
    await s.start();
    fake.script.push(
      () => ({ toolCalls: [{ name: 'search_passages', arguments: '{"query": "directive"' }, { name: 'search_passages', arguments: JSON.stringify({ query: 'directive', limit: 500 }) }] }),
      (req) => {
        const tools = req.messages.filter((m) => m.role === 'tool').map((m) => m.content ?? '');
        expect(tools[0]).toMatch(/not valid JSON/);
        expect(tools[1]).toMatch(/limit/);
        return { toolCalls: [{ name: 'search_passages', arguments: JSON.stringify({ query: 'directive' }) }] };
      },
      (req) => ({ content: `Found it [${citationIdsSeen(req).at(-1)!}].` }),
    );
    const r = await s.ask('What directive?');
    expect(r.toolCalls.map((t) => t.outcome)).toEqual(['bad-arguments', 'error', 'ok']);
    expect(r.text).toBe('Found it [1].');
  });

  it('a cancelled turn leaves the history as it was', async () => {
    const s = session(fake.url);
    await s.start();
    const ctl = new AbortController();
    fake.script.push(() => ({ content: 'never seen' }));
    ctl.abort();
    await expect(s.ask('cancel me', { signal: ctl.signal })).rejects.toThrow(/cancelled/);
    expect(s.history()).toHaveLength(1);
    fake.script.length = 0;
  });
});

describe('offline mode (no model configured)', () => {
  it('chat says so once and answers the question set with citations', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const env = { STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'error' };
      const set = loadQuestionSet(path.join(FIXTURES, 'seed-questions.json'));
      const answerable = set.questions.filter((q) => q.answers).map((q) => q.q);
      const r = await chat([...answerable, '/exit'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.match(/Offline mode/g)).toHaveLength(1);
      const answers = r.stdout.split('you> ').slice(1, -1);
      expect(answers).toHaveLength(answerable.length);
      const cited = answers.filter((a) => /\[1\]/.test(a) && /Sources:\n\[1\]/.test(a));
      // ask answers 920 of the 1,127 answerable questions in the same run (0.816, as at 4bb4a1e; 907 with ad2c866's code):
      // the offline answer declines the blind splits' paraphrases, as ask does (test/quality.test.ts).
      expect(cited.length / answers.length).toBeGreaterThanOrEqual(0.77);
      const ask = await runCli(['ask', 'When did the White House pause its plans to sign the order?', '--json'], env);
      expect(JSON.parse(ask.stdout)).toMatchObject({ mode: 'extractive', found: true });
    } finally {
      cleanup();
    }
  }, 300_000);
});
