import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests load a TensorFlow model and native addons; forks isolate them cleanly.
    pool: 'forks',
  },
});
