// @vitest-environment node
// The bundled Bengali font (src/ui/fonts.css): every face it names exists,
// is WOFF2, stays within its budget, and its OFL licence ships with the
// extension (public/ is copied into the build as is).
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const BUDGET_BYTES = 100 * 1024;
const require = createRequire(import.meta.url);
const css = readFileSync('src/ui/fonts.css', 'utf8');
const faces = [...css.matchAll(/url\('([^']+)'\) format\('woff2'\)/g)].map((m) => m[1]!);

describe('bundled Bengali font', () => {
  it('names two WOFF2 faces (regular and bold) that exist, within the size budget', () => {
    expect(faces).toHaveLength(2);
    const sizes = faces.map((face) => {
      const path = require.resolve(face);
      expect(readFileSync(path).subarray(0, 4).toString('latin1')).toBe('wOF2');
      return statSync(path).size;
    });
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`Bengali font: ${sizes.map((s) => `${(s / 1024).toFixed(1)} KB`).join(' + ')} = ${(total / 1024).toFixed(1)} KB (budget ${BUDGET_BYTES / 1024} KB)`);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('ships its OFL licence, the same text as the package\'s', () => {
    const shipped = readFileSync('public/fonts/OFL-NotoSansBengali.txt', 'utf8');
    expect(shipped).toContain('SIL Open Font License, Version 1.1');
    expect(shipped).toBe(readFileSync(require.resolve('@fontsource/noto-sans-bengali/LICENSE'), 'utf8'));
  });

  it('is used for Bengali code points only, after the Latin sans fonts of the stack', () => {
    for (const range of css.matchAll(/unicode-range: ([^;]+);/g)) expect(range[1]).toContain('U+0980-09FE');
    const stack = readFileSync('src/ui/base.css', 'utf8').match(/--font: ([^;]+);/)![1]!.split(',').map((f) => f.trim());
    expect(stack.indexOf('"Downwatch Bengali"')).toBeGreaterThan(stack.indexOf('system-ui'));
    expect(stack.at(-1)).toBe('sans-serif');
  });
});
