import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { FIXTURES } from './helpers.js';

// ajv-formats is CommonJS: its default import is module.exports, which carries the plugin as .default too.
const addFormats = addFormatsModule.default;

// The registry's published schema, vendored (no npm package ships it): see test/fixtures/mcp-registry/README.md.
const SCHEMA_FILE = path.join(FIXTURES, 'mcp-registry', 'server.schema.2025-12-11.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $id: string };
const serverText = readFileSync(path.join(PACKAGE_ROOT, 'server.json'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  mcpName: string;
  files: string[];
  bin: Record<string, string>;
};

interface ServerJson {
  $schema: string;
  name: string;
  version: string;
  description: string;
  packages: { registryType: string; identifier: string; version: string; transport: { type: string }; packageArguments: { type: string; value?: string }[] }[];
}
const server = (): ServerJson => JSON.parse(serverText) as ServerJson;

/** A validator for the vendored schema; strict, knowing the OpenAPI `example` annotation the schema uses. */
function validator() {
  // strictRequired off: the schema lists `required` names defined in a sibling of an anyOf, which is valid JSON Schema.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  ajv.addVocabulary(['example']);
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('MCP Registry metadata (server.json)', () => {
  const validate = validator();

  it('declares the vendored schema version and validates against it', () => {
    expect(server().$schema).toBe(schema.$id);
    const ok = validate(server());
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each<[string, (s: ServerJson) => void]>([
    ['a name without a namespace', (s) => (s.name = 'storyline')],
    ['a description over 100 characters', (s) => (s.description = 'x'.repeat(101))],
    ['a package version of "latest"', (s) => (s.packages[0]!.version = 'latest')],
    ['a positional argument without a value', (s) => delete s.packages[0]!.packageArguments[0]!.value],
    ['an unknown transport', (s) => (s.packages[0]!.transport = { type: 'carrier-pigeon' })],
  ])('the schema rejects %s (so the check above can fail)', (_, spoil) => {
    const s = server();
    spoil(s);
    expect(validate(s)).toBe(false);
  });

  it('names the published npm package, its version and how to run it', () => {
    const s = server();
    expect(s.name).toBe(pkg.mcpName);
    expect(s.version).toBe(pkg.version);
    expect(s.packages).toEqual([
      expect.objectContaining({ registryType: 'npm', identifier: pkg.name, version: pkg.version, transport: { type: 'stdio' } }),
    ]);
    // `npx -y <identifier> serve`: the package's single bin takes `serve` as its first argument.
    expect(Object.keys(pkg.bin)).toHaveLength(1);
    expect(s.packages[0]?.packageArguments.map((a) => a.value)).toEqual(['serve']);
    expect(pkg.files).toContain('server.json');
  });
});
