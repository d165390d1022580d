// The SQLite writer's in-memory dedupe and suppression index (sqlite/recentKeys.ts):
// keys are (service, id) and (service, client, window), and only what a report
// may still name (24 h back) is kept.
import { KEEP_MINUTES, RecentKeys } from '../../server/storage/sqlite/recentKeys.ts';
import { LIMITS } from '../../src/core/protocol.ts';

const MINUTE = 29_000_010; // a window starts at 29_000_010 (divisible by 15)

describe('recent keys', () => {
  it('keys ids by (service, id), like the unique key on PostgreSQL', () => {
    const keys = new RecentKeys();
    keys.addId('x', 'id-1', MINUTE);
    keys.addId('facebook', 'id-1', MINUTE);
    expect(keys.hasId('x', 'id-1')).toBe(true);
    expect(keys.hasId('facebook', 'id-1')).toBe(true);
    expect(keys.hasId('instagram', 'id-1')).toBe(false);
    expect(keys.size.ids).toBe(2);
  });

  it('claims one report per client, service and 15-minute window', () => {
    const keys = new RecentKeys();
    expect(keys.claim('x', 'client-a', MINUTE)).toBe(true);
    expect(keys.claim('x', 'client-a', MINUTE + 14)).toBe(false);
    expect(keys.hasClaim('x', 'client-a', MINUTE + 7)).toBe(true);
    expect(keys.claim('x', 'client-a', MINUTE + 15)).toBe(true);
    expect(keys.claim('x', 'client-b', MINUTE)).toBe(true);
    expect(keys.claim('facebook', 'client-a', MINUTE)).toBe(true);
    expect(keys.size.claims).toBe(4);
  });

  it('forgets ids received more than a day ago, and claims and network slots once their arrival window is over', () => {
    const keys = new RecentKeys();
    keys.addId('x', 'old', MINUTE);
    keys.addId('x', 'old-2', MINUTE);
    keys.addId('x', 'newer', MINUTE + 1);
    keys.claim('x', 'client-a', MINUTE);
    keys.claim('x', 'client-a', MINUTE + 15);
    expect(keys.takeNetworkSlot('x', 'net-a', MINUTE)).toBe(0);

    // Within the first window nothing goes.
    expect(keys.forget(MINUTE + 14)).toBe(0);
    expect(keys.size).toEqual({ ids: 3, claims: 2, networkSlots: 1 });
    // Once it is over, its claim and slot go; the ids stay a day.
    expect(keys.forget(MINUTE + 15)).toBe(1);
    expect(keys.hasClaim('x', 'client-a', MINUTE)).toBe(false);
    expect(keys.hasClaim('x', 'client-a', MINUTE + 15)).toBe(true);
    expect(keys.size).toEqual({ ids: 3, claims: 1, networkSlots: 0 });

    expect(keys.forget(MINUTE + KEEP_MINUTES + 1)).toBe(1);
    expect(keys.hasId('x', 'old')).toBe(false);
    expect(keys.hasId('x', 'newer')).toBe(true);
    expect(keys.size).toEqual({ ids: 1, claims: 0, networkSlots: 0 });
  });

  it('gives a network LIMITS.networkReportsPerWindow slots per service and arrival window, and takes one back', () => {
    const keys = new RecentKeys();
    const taken = Array.from({ length: LIMITS.networkReportsPerWindow + 1 }, () => keys.takeNetworkSlot('x', 'net-a', MINUTE + 3));
    expect(taken).toEqual([...Array.from({ length: LIMITS.networkReportsPerWindow }, (_, i) => i), -1]);
    expect(keys.takeNetworkSlot('x', 'net-b', MINUTE + 3)).toBe(0);
    expect(keys.takeNetworkSlot('facebook', 'net-a', MINUTE + 3)).toBe(0);
    expect(keys.takeNetworkSlot('x', 'net-a', MINUTE + 15)).toBe(0);
    keys.returnNetworkSlot('x', 'net-a', MINUTE + 3, 1);
    expect(keys.takeNetworkSlot('x', 'net-a', MINUTE + 14)).toBe(1);
  });
});

describe('fingerprint set', () => {
  it('holds a million keys, finds each, forgets by minute, and takes a key back', async () => {
    const { FingerprintHasher, FingerprintSet } = await import('../../server/storage/sqlite/fingerprintSet.ts');
    const hasher = new FingerprintHasher();
    const set = new FingerprintSet();
    let added = 0;
    for (let i = 0; i < 1_000_000; i++) if (set.add(hasher.hash('svc', `id-${i}`), i < 500_000 ? 10 : 20)) added++;
    expect(added).toBe(1_000_000);
    expect(set.size).toBe(1_000_000);
    let found = 0;
    for (let i = 0; i < 1_000_000; i++) if (set.has(hasher.hash('svc', `id-${i}`))) found++;
    expect(found).toBe(1_000_000);
    expect(set.has(hasher.hash('svc', 'id-1000000'))).toBe(false);
    expect(set.has(hasher.hash('sv', 'cid-1'))).toBe(false);
    expect(set.add(hasher.hash('svc', 'id-7'), 30)).toBe(false);
    expect(set.forget(11)).toBe(500_000);
    expect(set.has(hasher.hash('svc', 'id-7'))).toBe(false);
    expect(set.has(hasher.hash('svc', 'id-700000'))).toBe(true);
    set.remove(hasher.hash('svc', 'id-700000'));
    expect(set.has(hasher.hash('svc', 'id-700000'))).toBe(false);
    expect(set.size).toBe(499_999);
  });
});

it('remembers ids for as long as a retry of the report can be accepted', async () => {

  // A retry is accepted until its observedAt is maxAgeMs old, and observedAt may lead the first arrival.
  expect(LIMITS.idRetentionMs).toBeGreaterThanOrEqual(LIMITS.maxAgeMs + LIMITS.maxFutureSkewMs + 60_000);
  expect(KEEP_MINUTES * 60_000).toBe(LIMITS.idRetentionMs);
});
