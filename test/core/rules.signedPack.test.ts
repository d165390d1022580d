// Signed rule packs (docs/privacy-and-trust.md; docs/privacy-and-trust.md): a fetched pack
// is used only when its signature verifies with the built-in key and it keeps
// the invariants against the bundled pack. One test per refusal.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { acceptFetchedPack } from '../../src/core/rules/packAcceptance.ts';
import { RULES_PUBLIC_KEY } from '../../src/core/rules/packKey.ts';
import { packInvariantRefusals, RULE_PACK_MAX_BYTES, sightingsToReport } from '../../src/core/rules/packPolicy.ts';
import { importRulesPublicKey, parseEnvelope, signPackText } from '../../src/core/rules/packSignature.ts';
import type { RulePack, ServiceRules } from '../../src/core/rules/schema.ts';
import { DEFAULT_THRESHOLD } from '../../src/core/rules/threshold.ts';

const TEST_PRIVATE = readFileSync('test/fixtures/rule-signing/test-private.pem', 'utf8');
const TEST_PUBLIC = readFileSync('test/fixtures/rule-signing/test-public.pem', 'utf8');
const key = (await importRulesPublicKey(TEST_PUBLIC))!;

/** The bundled pack with X's rules changed by `edit`. */
function withX(edit: (x: ServiceRules) => void): RulePack {
  const pack = structuredClone(BUNDLED_RULE_PACK);
  edit(pack.services.find((s) => s.service === 'x')!);
  return pack;
}

const signed = async (pack: unknown, privateKey = TEST_PRIVATE) => JSON.stringify(await signPackText(JSON.stringify(pack), privateKey));
const accept = (text: string, k: CryptoKey | null = key) => acceptFetchedPack(text, k, BUNDLED_RULE_PACK);
const refusalOf = async (text: string, k: CryptoKey | null = key) => {
  const result = await accept(text, k);
  return result.ok ? 'accepted' : result.refusal.code;
};

/** A pack a server operator may sign: a new banner text and one more user-content exclusion. */
const improved = withX((x) => {
  x.banner.push({ id: 'x.banner.signed_extra', selectors: ['[data-testid="error-detail"]'], texts: { en: ['Signed pack banner'] } });
  x.userContentSelectors.push('[data-testid="DMDrawer"]');
});

describe('a correctly signed pack that keeps the invariants', () => {
  test('is accepted as sent', async () => {
    expect(await accept(await signed(improved))).toEqual({ ok: true, pack: improved });
  });

  test('the bundled pack keeps its own invariants (the floor is not above it)', () => {
    expect(packInvariantRefusals(BUNDLED_RULE_PACK, BUNDLED_RULE_PACK)).toEqual([]);
  });

  test('the extension under test trusts the test key (as a local build does)', () => {
    expect(RULES_PUBLIC_KEY).toBe(TEST_PUBLIC.replace(/-----[A-Z ]+-----|\s/g, ''));
  });
});

describe('refused: who signed it', () => {
  test('tampered: one byte of the signed pack text changed', async () => {
    const envelope = JSON.parse(await signed(improved));
    envelope.pack = envelope.pack.replace('Signed pack banner', 'Signed pack bannex');
    expect(await refusalOf(JSON.stringify(envelope))).toBe('bad_signature');
  });

  test('tampered: a valid signature moved onto another pack', async () => {
    const envelope = JSON.parse(await signed(improved));
    envelope.pack = JSON.stringify(BUNDLED_RULE_PACK);
    expect(await refusalOf(JSON.stringify(envelope))).toBe('bad_signature');
  });

  test('unsigned: the pack without a signature, or a bare pack as older servers sent it', async () => {
    expect(await refusalOf(JSON.stringify({ pack: JSON.stringify(improved) }))).toBe('unsigned');
    expect(await refusalOf(JSON.stringify(improved))).toBe('not_an_envelope');
  });

  test('wrong key: signed by a key other than the built-in one', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await refusalOf(await signed(improved, other))).toBe('bad_signature');
  });

  test('a signature that is not base64 or names another algorithm', async () => {
    const envelope = JSON.parse(await signed(improved));
    expect(await refusalOf(JSON.stringify({ ...envelope, signature: '%%%' }))).toBe('bad_signature');
    expect(await refusalOf(JSON.stringify({ ...envelope, algorithm: 'Ed25519' }))).toBe('bad_signature');
  });

  test('a build without a key uses no fetched pack at all', async () => {
    expect(await refusalOf(await signed(improved), null)).toBe('no_key');
  });

  test('an answer that is not an envelope', async () => {
    expect(await refusalOf('<html>captive portal</html>')).toBe('not_an_envelope');
    expect(parseEnvelope('{"pack": 5}')).toMatchObject({ ok: false });
  });
});

describe('refused: what it says, even when signed', () => {
  test('too large: over the size limit, before anything is parsed', async () => {
    expect(await refusalOf(' '.repeat(RULE_PACK_MAX_BYTES + 1))).toBe('too_large');
  });

  test('invalid: fails the schema', async () => {
    expect(await refusalOf(await signed({ version: '9', services: [{ service: 'x', banner: 'nope' }] }))).toBe('invalid');
  });

  test('user-content exclusions dropped (all, or one)', async () => {
    expect(await refusalOf(await signed(withX((x) => { x.userContentSelectors = []; })))).toBe('user_content_shrunk');
    expect(await refusalOf(await signed(withX((x) => { x.userContentSelectors.shift(); })))).toBe('user_content_shrunk');
  });

  test('a presence-only banner matcher (a profile link that "matches" on sight)', async () => {
    const pack = withX((x) => { x.banner.push({ id: 'x.banner.profile', selectors: ['a[href="/someone"]'] }); });
    expect(await refusalOf(await signed(pack))).toBe('presence_only');
  });

  test('other presence rules the bundled pack does not have: empty-feed rule, login wall, login path, logged-in marker', async () => {
    const packs = [
      withX((x) => { x.feedStalled.emptyFeed = { id: 'x.feed.empty', containerSelector: 'a[href="/someone"]', itemSelector: '.never', timeoutMs: 5_000 }; }),
      withX((x) => { x.logout!.loginWall.push({ id: 'x.logout.profile', selectors: ['a[href="/someone"]'] }); }),
      withX((x) => { x.logout!.loginPaths.push('/someone'); }),
      withX((x) => { x.logout!.loggedInSelectors.push('[aria-label="Home timeline"]'); }),
    ];
    for (const pack of packs) expect(await refusalOf(await signed(pack))).toBe('presence_only');
  });

  test('a threshold below the floor: near-zero score, a heavier network signal, a longer window', async () => {
    const packs = [
      withX((x) => { x.threshold = { ...x.threshold, minScore: 0.01 }; }),
      withX((x) => { x.threshold = { ...x.threshold, weights: { ...x.threshold.weights, net_error: 2 } }; }),
      withX((x) => { x.threshold = { ...x.threshold, windowMs: 15 * 60_000 }; }),
    ];
    for (const pack of packs) expect(await refusalOf(await signed(pack))).toBe('threshold_below_floor');
  });

  test('a threshold above the floor is fine (fewer reports is always allowed)', async () => {
    const pack = withX((x) => { x.threshold = { ...x.threshold, minScore: 8 }; });
    expect(await refusalOf(await signed(pack))).toBe('accepted');
  });

  test('the floor: sightings each kind needs alone under the default threshold', () => {
    expect(Object.fromEntries(['banner', 'feed_stalled', 'logout', 'page_error', 'http_5xx', 'net_error'].map((k) => [k, sightingsToReport(DEFAULT_THRESHOLD, k as never)])))
      .toEqual({ banner: 1, feed_stalled: 1, logout: 1, page_error: 2, http_5xx: 4, net_error: 4 });
    expect(sightingsToReport({ ...DEFAULT_THRESHOLD, weights: { http_5xx: 4 / 3 } }, 'http_5xx')).toBe(3);
    expect(sightingsToReport({ ...DEFAULT_THRESHOLD, weights: {} }, 'banner')).toBe(Infinity);
  });

});
