import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { pemBody } from './src/core/rules/packSignature.ts';

// Three tiers: pure core logic, extension code in happy-dom, and the server
// against real databases. The browser end-to-end suite has its own runner
// (`npm run e2e`).
export default defineConfig({
  // The extension under test trusts the published test key, as a local build does (vite.config.ts).
  define: {
    __DOWNWATCH_RULES_PUBLIC_KEY__: JSON.stringify(pemBody(readFileSync('test/fixtures/rule-signing/test-public.pem', 'utf8'))),
  },
  test: {
    globals: true,
    projects: [
      { extends: true, test: { name: 'core', include: ['test/core/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'extension', include: ['test/extension/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      { extends: true, test: { name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
    ],
  },
});
