// @vitest-environment node
// Budget (issue 3): popup JS ≤ 40 KB gzip, so it opens with data at once.
// Bundled the way the extension build does it (minified, Preact, polyfill and
// every shared chunk inlined into one file), so an import of TypeBox (through
// src/core/protocol.ts) or tldts into the popup shows up here.
import preact from '@preact/preset-vite';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const BUDGET_BYTES = 40 * 1024;

async function bundlePopup(): Promise<{ code: string; modules: string[] }> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [preact()],
    build: {
      write: false,
      minify: true,
      lib: { entry: 'src/popup/main.tsx', formats: ['es'], fileName: 'popup' },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
  const chunks = output.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  return { code: chunks.map((c) => c.code).join('\n'), modules: chunks.flatMap((c) => Object.keys(c.modules)) };
}

describe('popup size', () => {
  it('stays within 40 KB gzip and carries neither TypeBox nor tldts', async () => {
    const { code, modules } = await bundlePopup();
    const gzipped = gzipSync(code).length;
    expect(modules.some((m) => m.includes('webextension-polyfill'))).toBe(true); // the module list is real
    expect(modules.some((m) => m.includes('/node_modules/preact/'))).toBe(true);
    console.log(`popup: ${code.length} bytes minified, ${gzipped} bytes gzip (budget ${BUDGET_BYTES})`);
    expect(modules.filter((m) => m.includes('@sinclair/typebox') || m.includes('tldts'))).toEqual([]);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  }, 60_000);
});
