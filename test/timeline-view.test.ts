import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppBridge } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { TIMELINE_VIEW_URI } from '../src/mcp/views/timeline-view.js';
import { callTool, connectClient, hashEmbedder, openTestApp, SEED_ID, tempDir } from './helpers.js';

// Debian's chromium, as .ci/run installs it; these flags keep a root, offline, headless run from stalling.
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUTPUT = path.join(PACKAGE_ROOT, 'test-output');

/** What the host page's own script offers the test. */
interface HostPage {
  toView(message: unknown): void;
  loadView(html: string): void;
}

/**
 * A host page as an MCP Apps client builds one: the view's HTML in a sandboxed iframe (scripts
 * only, opaque origin), its postMessage traffic carried to an AppBridge, the package's own
 * host side, running here in Node.
 */
async function hostView(page: Page, html: string, bridge: AppBridge): Promise<{ errors: string[] }> {
  const transport: Transport = {
    start: () => Promise.resolve(),
    close: () => Promise.resolve(),
    send: async (message) => {
      await page.evaluate((m) => (globalThis as unknown as HostPage).toView(m), message);
    },
  };
  const errors: string[] = [];
  page.on('pageerror', (e) => void errors.push(e.message));
  await page.exposeBinding('toHost', (_source, message: JSONRPCMessage) => transport.onmessage?.(message));
  await page.setContent(
    '<!doctype html><html><body style="margin:0;background:#fff">' +
      '<iframe id="view" sandbox="allow-scripts" style="width:820px;height:900px;border:0"></iframe>' +
      '<script>const view = document.getElementById("view");' +
      'window.addEventListener("message", (e) => { if (e.source === view.contentWindow) window.toHost(e.data); });' +
      'window.toView = (m) => view.contentWindow.postMessage(m, "*");' +
      'window.loadView = (html) => { view.srcdoc = html; };</script>' +
      '</body></html>',
  );
  await bridge.connect(transport);
  // The view starts once the bridge listens, as a host loads the iframe after setting up its side.
  await page.evaluate((srcdoc) => (globalThis as unknown as HostPage).loadView(srcdoc), html);
  return { errors };
}

describe('the get_timeline view (MCP Apps) in headless Chromium', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let context: BrowserContext;
  let profile: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder() });
    profile = tempDir('storyline-chromium-');
    context = await chromium.launchPersistentContext(profile.dir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  });
  afterAll(async () => {
    await context?.close();
    profile?.cleanup();
    app?.cleanup();
  });

  it('draws the dated events on an axis, marks the undated one, and shows citation ids and sources', async () => {
    const client = await connectClient(app);
    // What a host reads: the tool names its view, the view is a ui:// resource of the MCP Apps type.
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'get_timeline')!;
    expect((tool._meta as { ui?: { resourceUri?: string } }).ui?.resourceUri).toBe(TIMELINE_VIEW_URI);
    const resource = await client.readResource({ uri: TIMELINE_VIEW_URI });
    const content = resource.contents[0] as { mimeType: string; text: string };
    expect(content.mimeType).toBe('text/html;profile=mcp-app');
    expect(content.text).not.toMatch(/\bsrc=["']https?:|\bhref=["']https?:|fetch\(["'`]http/);

    const { result, structured, text } = await callTool(client, 'get_timeline', { story_id: SEED_ID });
    // Clients without MCP Apps keep the text and the Mermaid diagram.
    expect(text).toContain('```mermaid');
    const dated = structured.events.filter((e) => e.date_known);
    const undated = structured.events.filter((e) => !e.date_known);
    expect(dated.length).toBeGreaterThan(1);
    expect(undated.length).toBeGreaterThan(0);

    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    const bridge = new AppBridge(null, { name: 'storyline-test-host', version: '1.0.0' }, {});
    const initialized = new Promise<void>((resolve) => (bridge.oninitialized = () => resolve()));
    const { errors } = await hostView(page, content.text, bridge);
    await initialized;
    await bridge.sendToolInput({ arguments: { story_id: SEED_ID } });
    await bridge.sendToolResult(result);

    const view = page.frameLocator('#view');
    await view.locator('#root[data-state="rendered"]').waitFor({ timeout: 15_000 });
    expect(await view.locator('h1').textContent()).toBe(structured.story_title);
    const items = view.locator('li[data-event-n]');
    expect(await items.count()).toBe(structured.events.length);
    for (const e of structured.events) {
      const li = view.locator(`li[data-event-n="${e.n}"]`);
      expect(await li.getAttribute('data-citation-id')).toBe(e.citation_id ?? '');
      expect(await li.locator('code').textContent()).toBe(e.citation_id ?? 'none');
      expect(await li.locator('.title').textContent()).toBe(e.title);
      expect(await li.locator('.date').textContent()).toBe(e.date_known ? e.date : 'undated');
      expect(await li.locator('[data-source]').count()).toBe(structured.sources.length);
    }
    expect(await view.locator('li[data-event-n] [data-source] .publisher').first().textContent()).toBe(structured.sources[0]!.publisher);

    // On the axis: dated markers ordered left to right by date, undated ones in their own lane.
    const markers: { n: number; x: number }[] = [];
    for (const g of await view.locator('g.marker.dated').all()) {
      markers.push({ n: Number(await g.getAttribute('data-marker-n')), x: Number(await g.locator('circle').getAttribute('cx')) });
    }
    expect(markers.map((m) => m.n).sort()).toEqual(dated.map((e) => e.n).sort());
    const xOf = (n: number) => markers.find((m) => m.n === n)!.x;
    for (let i = 1; i < dated.length; i++) {
      const a = dated[i - 1]!, b = dated[i]!;
      if (a.date! < b.date!) expect(xOf(a.n)).toBeLessThan(xOf(b.n));
    }
    expect(await view.locator('g.marker.undated').count()).toBe(undated.length);

    mkdirSync(OUTPUT, { recursive: true });
    await page.locator('#view').screenshot({ path: path.join(OUTPUT, 'timeline-view.png') });
    // Nothing but the page itself: the view fetched nothing.
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
    await client.close();
  });

  it('says so, instead of drawing, when the tool call failed', async () => {
    const client = await connectClient(app);
    const html = ((await client.readResource({ uri: TIMELINE_VIEW_URI })).contents[0] as { text: string }).text;
    const result = (await client.callTool({ name: 'get_timeline', arguments: { story_id: 'no-such-story' } })) as CallToolResult;
    expect(result.isError).toBe(true);
    const page = await context.newPage();
    const bridge = new AppBridge(null, { name: 'storyline-test-host', version: '1.0.0' }, {});
    const initialized = new Promise<void>((resolve) => (bridge.oninitialized = () => resolve()));
    const { errors } = await hostView(page, html, bridge);
    await initialized;
    await bridge.sendToolResult(result);
    const message = page.frameLocator('#view').locator('.message');
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toMatch(/unknown story "no-such-story"/);
    expect(errors).toEqual([]);
    await page.close();
    await client.close();
  });
});
