import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { ENV_KEYS } from '../src/config.js';
import { toolDocs } from '../tools/docs.js';

const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');

describe('README stays true to the code', () => {
  it('holds the tool reference generated from the schemas', () => {
    expect(readme).toContain(toolDocs());
  });

  it('shows the two commands first and documents every environment variable', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    for (const name of Object.keys(ENV_KEYS)) expect(readme, name).toContain(name);
  });
});
