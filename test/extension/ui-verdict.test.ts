import { describe, expect, it } from 'vitest';
import { headline, headlineText } from '../../src/ui/verdict.ts';
import { detail, NOW } from './uiFixtures.ts';
import { textsIn } from './uiTexts.ts';

const en = textsIn('en');
const bn = textsIn('bn');
const HOUR = 3600_000;
const quiet = { level: 'ok' as const, since: null, peak: null, count: 12, baseline: 10 };

describe('verdict headline', () => {
  it('says an outage as one sentence: who, since when, how many against the usual', () => {
    expect(headlineText(headline(detail(), en, NOW))).toBe('X is down for many people — since 11:10 AM · 3,665 reports in 15 min (usually ~10)');
  });

  it('words possible problems, recovery (keeping the incident\'s start, with its peak) and calm', () => {
    expect(headline(detail({ level: 'warning', count: 57 }), en, NOW).lead).toBe('Possible problems at X');
    const recovering = headline(detail({ level: 'recovering', count: 190 }), en, NOW);
    expect(headlineText(recovering)).toBe('X is recovering — since 11:10 AM · peak 3,665 · 190 reports in 15 min (usually ~10)');
    expect(headlineText(headline(detail(quiet), en, NOW))).toBe('No problems at X right now · 12 reports in 15 min (usually ~10)');
  });

  it('never claims a usual level while the server is still learning one', () => {
    const h = headline(detail({ ...quiet, learning: true, count: 1, baseline: 0.5 }), en, NOW);
    expect(headlineText(h)).toBe('No clear problems at X so far · 1 report in 15 min (this server is still learning what is usual)');
    expect(h.learning).toBe(true);
  });

  it('gives the day with the start of an incident older than the same day', () => {
    expect(headline(detail({ since: NOW - 30 * HOUR }), en, NOW).since).toBe('since Nov 28, 6:02 AM');
  });

  it('keeps a small usual figure\'s decimal', () => {
    expect(headline(detail({ ...quiet, baseline: 0.4 }), en, NOW).figures).toBe('12 reports in 15 min (usually ~0.4)');
  });

  it('merges the crowd with this browser\'s own signals', () => {
    const seen = { verdict: 'service' as const, signals: [{ signal: 'banner', count: 3 }] };
    const nothing = { verdict: 'none' as const, signals: [] };
    expect(headline(detail(), en, NOW, seen).you).toEqual({ kind: 'not_just_you', text: 'Not just you: this browser saw 3 error banners on X too.' });
    expect(headline(detail(), en, NOW, nothing).you?.kind).toBe('not_just_you');
    expect(headline(detail(quiet), en, NOW, seen).you).toEqual({ kind: 'only_you', text: 'Only you so far: this browser saw 3 error banners on X. Report it so others know.' });
    expect(headline(detail(quiet), en, NOW, { verdict: 'own_connection', signals: [] }).you?.kind).toBe('own_connection');
    expect(headline(detail(), en, NOW, { verdict: 'own_connection', signals: [] }).you?.text).toMatch(/^Looks like your connection, not X/);
    expect(headline(detail(quiet), en, NOW, nothing).you).toBeNull();
  });

  it('speaks Bengali with Bengali digits and a 24-hour clock', () => {
    const text = headlineText(headline(detail(), bn, NOW));
    expect(text).toBe('অনেকের জন্য X কাজ করছে না — ১১:১০ থেকে · ১৫ মিনিটে ৩,৬৬৫টি রিপোর্ট (সাধারণত ~১০টি)');
  });
});
