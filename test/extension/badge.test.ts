// The badge's rules (docs/popup.md): silent when fine, level colour and a short
// count otherwise, "?" when the figures could not be refreshed.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { badgeCount, badgeFor, LEVEL_COLOURS, UNKNOWN_COLOUR } = await import('../../src/background/badge.ts');

const status = (level: string, count: number) => ({
  body: { generatedAt: 0, windowMinutes: 15, services: [{ id: 'x', name: 'X', level, count, baseline: 3, since: null, peak: null }] },
  failed: false,
}) as Parameters<typeof badgeFor>[1];

describe('badge', () => {
  it('counts in at most three characters', () => {
    expect([0, 7, 999, 1000, 1499, 1704, 9_999, 12_345, 999_499, 999_500, 3_200_000].map(badgeCount))
      .toEqual(['0', '7', '999', '1k', '1k', '2k', '10k', '12k', '999k', '1M', '3M']);
  });

  it('is empty on a page of no known service, and while the service is fine', () => {
    expect(badgeFor(undefined, status('outage', 50)).text).toBe('');
    expect(badgeFor('x', status('ok', 40)).text).toBe('');
    expect(badgeFor('reddit', status('outage', 40)).text).toBe('');
  });

  it('shows the level colour and the count while the service is not fine', () => {
    expect(badgeFor('x', status('warning', 40))).toEqual({ text: '40', colour: LEVEL_COLOURS.warning });
    expect(badgeFor('x', status('outage', 1704))).toEqual({ text: '2k', colour: LEVEL_COLOURS.outage });
    expect(badgeFor('x', status('recovering', 12))).toEqual({ text: '12', colour: LEVEL_COLOURS.recovering });
  });

  it('shows a grey "?" when the last refresh failed, even over old figures', () => {
    expect(badgeFor('x', { ...status('outage', 40), failed: true })).toEqual({ text: '?', colour: UNKNOWN_COLOUR });
    expect(badgeFor('x', { body: null, failed: true })).toEqual({ text: '?', colour: UNKNOWN_COLOUR });
    expect(badgeFor('x', { body: null, failed: false }).text).toBe('');
  });
});
