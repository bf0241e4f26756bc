import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Story } from '../src/story/schema.js';
import type { QuestionSet } from './eval-lib.js';

/** A small seeded PRNG (mulberry32) so synthetic corpora are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VENDORS = ['Siemens', 'Rockwell Automation', 'Schneider Electric', 'Unitronics', 'Mitsubishi Electric', 'Hitachi Energy', 'Delta Electronics', 'Honeywell', 'ABB', 'Johnson Controls'];
const PRODUCTS = ['PLC firmware', 'HMI panel', 'SCADA server', 'engineering workstation', 'historian', 'gateway', 'RTU', 'safety controller', 'VPN appliance', 'building manager'];
const WEAKNESSES = ['a stack-based buffer overflow', 'hard-coded credentials', 'improper input validation', 'a path traversal flaw', 'missing authentication for a critical function', 'cross-site scripting', 'an out-of-bounds write', 'SQL injection', 'an exposed debug interface', 'use of a broken cryptographic algorithm'];
const IMPACTS = ['remote code execution', 'a denial of service', 'disclosure of credentials', 'unauthorised configuration changes', 'privilege escalation', 'loss of view for operators'];
const SECTORS = ['water and wastewater', 'energy', 'critical manufacturing', 'healthcare', 'transportation', 'chemical'];

/** Synthetic advisory-like stories with about `passages` passages in all (about 9 per story). */
export function syntheticStories(passages: number, seed = 7): Story[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const stories: Story[] = [];
  for (let i = 0; stories.length * 9 < passages; i++) {
    const vendor = pick(VENDORS);
    const product = pick(PRODUCTS);
    const cve = `CVE-20${20 + (i % 6)}-${10000 + i}`;
    const sentences = Array.from({ length: 14 }, (_, j) => {
      const w = pick(WEAKNESSES);
      return j % 3 === 0
        ? `${vendor} reports that version ${1 + (j % 9)}.${i % 17} of its ${product} contains ${w} tracked as ${cve}.`
        : j % 3 === 1
          ? `Successful exploitation could allow ${pick(IMPACTS)} in ${pick(SECTORS)} deployments, according to advisory ${i}-${j}.`
          : `Operators should isolate the ${product} from business networks and apply update ${i}.${j} as soon as possible.`;
    });
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    stories.push({
      id: `synthetic-${i}`,
      title: `${vendor} ${product} vulnerability ${cve}`,
      body: sentences.join(' '),
      published: `2024-${month}-${day}`,
      timeline: [{ date: `2024-${month}-${day}`, title: 'Advisory published', text: `${vendor} published advisory ${i} for ${cve}.` }],
      sources: [{ publisher: 'example.org', title: `Advisory ${i}` }],
      entities: [{ type: 'vendor', name: vendor }, { type: 'cve', name: cve }],
    });
  }
  return stories;
}

/**
 * Identifier questions with known answers for a synthetic corpus: by CVE, and by the update
 * each advisory asks operators to apply. Every answer is one story.
 */
export function syntheticQuestions(stories: readonly Story[], count = 40): QuestionSet {
  const step = Math.max(1, Math.floor(stories.length / count));
  const picked = stories.filter((_, i) => i % step === 0).slice(0, count);
  return {
    questions: picked.map((s, k) => {
      const i = Number(s.id.replace('synthetic-', ''));
      const cve = s.entities.find((e) => e.type === 'cve')?.name ?? '';
      return k % 2 === 0
        ? { q: `Which advisory tracks ${cve}?`, type: 'cve', answers: [{ story_id: s.id }] }
        : { q: `Which advisory tells operators to apply update ${i}.2?`, type: 'identifier', answers: [{ story_id: s.id, contains: `update ${i}.2 ` }] };
    }),
  };
}

/** Writes stories as story JSON files, one per story, so they take the same path as any corpus. */
export function writeStoryFiles(dir: string, stories: readonly Story[]): void {
  mkdirSync(dir, { recursive: true });
  for (const s of stories) writeFileSync(path.join(dir, `${s.id}.json`), JSON.stringify(s));
}
