// @vitest-environment node
// Budget (issue 3): the content script is injected into every page of six
// busy sites, so it must stay ≤ 12 KB gzip. Bundled here the way the
// extension build does it (minified, one self-contained script, polyfill
// included), so an import of tldts or TypeBox into it fails this test.
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const BUDGET_BYTES = 12 * 1024;

async function bundleContentScript(): Promise<{ code: string; modules: string[] }> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: 'src/content/main.ts', formats: ['iife'], name: 'downwatchContent', fileName: 'content' },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
  const chunk = output.output.find((o) => o.type === 'chunk')!;
  return { code: chunk.code, modules: Object.keys(chunk.modules) };
}

describe('content script size', () => {
  it('stays within 12 KB gzip and carries neither tldts nor TypeBox', async () => {
    const { code, modules } = await bundleContentScript();
    const gzipped = gzipSync(code).length;
    expect(modules.some((m) => m.includes('webextension-polyfill'))).toBe(true); // the module list is real
    console.log(`content script: ${code.length} bytes minified, ${gzipped} bytes gzip (budget ${BUDGET_BYTES})`);
    expect(modules.some((m) => m.includes('tldts') || m.includes('@sinclair/typebox'))).toBe(false);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  }, 60_000);

  it('carries neither the catalog nor any service’s rules (the background hands out the page’s own)', async () => {
    const { modules } = await bundleContentScript();
    expect(modules.filter((m) => m.includes('/src/core/rules/services/') || m.endsWith('/src/core/catalog.ts') || m.endsWith('/src/core/rules/pack.ts'))).toEqual([]);
  }, 60_000);
});
