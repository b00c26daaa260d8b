import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // Browser APIs happy-dom lacks (the CSS Custom Highlight API), for the tests that run in happy-dom.
    setupFiles: ['tests/unit/setup-dom.ts'],
    mockReset: true,
    restoreMocks: true,
  },
});
