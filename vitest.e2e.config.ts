import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in real browsers: run `npm run build && npm run build:firefox` first.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // One browser at a time: two cores, and each browser is a heavy process tree.
    fileParallelism: false,
  },
});
