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

  it('shows the one-line install, the one-click bundle and the two commands for a clone on its first screen', () => {
    const { name } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string };
    const firstScreen = readme.split('\n').slice(0, 40).join('\n');
    expect(firstScreen).toContain(`npx -y ${name} serve`);
    expect(firstScreen).toContain('npm run bundle');
    expect(firstScreen).toContain('storyline.mcpb');
    expect(firstScreen).toContain('npm ci && npm start');
  });

  it('shows the two commands first and documents every environment variable', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    for (const name of Object.keys(ENV_KEYS)) expect(readme, name).toContain(name);
  });
});
