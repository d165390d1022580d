// @vitest-environment node
// The status site renders the chart and the verdict on the server: their
// modules must load with no browser and no extension API (importing
// webextension-polyfill outside an extension throws).
import { describe, expect, it } from 'vitest';

describe('components shared with the status site', () => {
  it('load in plain Node', async () => {
    const chart = await import('../../src/ui/ReportsChart.tsx');
    const verdict = await import('../../src/ui/verdict.ts');
    expect(typeof chart.ReportsChart).toBe('function');
    expect(typeof verdict.headline).toBe('function');
  });
});
