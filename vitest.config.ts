import { defineConfig } from 'vitest/config';

// Three tiers: pure core logic, extension code in happy-dom, and the server
// against real databases. The browser end-to-end suite has its own runner
// (`npm run e2e`).
export default defineConfig({
  test: {
    globals: true,
    projects: [
      { extends: true, test: { name: 'core', include: ['test/core/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'extension', include: ['test/extension/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      { extends: true, test: { name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
    ],
  },
});
