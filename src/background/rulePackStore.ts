// The active rule pack: the one fetched from `GET /v1/rules` when it passes
// every check of src/core/rules/packAcceptance.ts (signed with the key built
// into this extension, schema-valid, keeping the invariants of packPolicy.ts)
// and is not older than the bundled one; else the pack bundled with this
// build. Refreshed at most daily with an ETag; a refused pack is logged with
// its reason and changes nothing (docs/privacy-and-trust.md).
import { acceptFetchedPack, checkPack } from '../core/rules/packAcceptance.ts';
import { RULES_PUBLIC_KEY } from '../core/rules/packKey.ts';
import { PACK_REFUSALS, RULE_PACK_MAX_BYTES, type PackRefusal } from '../core/rules/packPolicy.ts';
import { importRulesPublicKey } from '../core/rules/packSignature.ts';
import { BUNDLED_RULE_PACK, isPackAtLeastAsNew, rulesForService } from '../core/rules/pack.ts';
import type { RulePack, ServiceRules } from '../core/rules/schema.ts';
import { getRulePackText } from './backendClient.ts';
import { getSettings } from './settingsStore.ts';
import { asRecord, readKey, updateKey } from './storage.ts';

export const RULES_REFRESH_MS = 24 * 60 * 60_000;
/** After a failed attempt, try again this much later (the alarm checks hourly). */
export const RULES_RETRY_MS = 60 * 60_000;

interface StoredRules {
  pack: RulePack | null;
  etag: string | null;
  fetchedAt: number | null;
  lastAttemptAt: number | null;
  /** The last fetched pack refused, and why (shown to tests and support; no URL, no page text). */
  refusal: (PackRefusal & { at: number }) | null;
}

function repairRefusal(value: unknown): StoredRules['refusal'] {
  const { code, detail, at } = asRecord(value);
  const known = (PACK_REFUSALS as readonly unknown[]).includes(code);
  return known && typeof detail === 'string' && typeof at === 'number' ? { code: code as PackRefusal['code'], detail, at } : null;
}

function repairStoredRules(stored: unknown): StoredRules {
  const { pack, etag, fetchedAt, lastAttemptAt, refusal } = asRecord(stored);
  // A stored pack is checked again: storage is not trusted more than the network.
  const checked = pack === null || pack === undefined ? null : checkPack(pack, BUNDLED_RULE_PACK);
  const kept = checked?.ok ? checked.pack : null;
  return {
    pack: kept,
    etag: typeof etag === 'string' && kept ? etag : null,
    fetchedAt: typeof fetchedAt === 'number' ? fetchedAt : null,
    lastAttemptAt: typeof lastAttemptAt === 'number' ? lastAttemptAt : null,
    refusal: repairRefusal(refusal),
  };
}

/** The fetched pack unless the bundled one is newer (an extension update ships newer rules). */
export function choosePack(fetched: RulePack | null): RulePack {
  if (!fetched) return BUNDLED_RULE_PACK;
  return isPackAtLeastAsNew(fetched.version, BUNDLED_RULE_PACK.version) ? fetched : BUNDLED_RULE_PACK;
}

export async function activeRulePack(): Promise<RulePack> {
  return choosePack((await readKey('rules', repairStoredRules)).pack);
}

export async function activeRules(service: string): Promise<ServiceRules | undefined> {
  return rulesForService(await activeRulePack(), service);
}

function rulesRefreshDue(stored: StoredRules, now: number): boolean {
  const since = (t: number | null) => (t === null || t > now ? Infinity : now - t);
  return since(stored.fetchedAt) >= RULES_REFRESH_MS && since(stored.lastAttemptAt) >= RULES_RETRY_MS;
}

let verifyingKey: Promise<CryptoKey | null> | undefined;
function builtInKey(): Promise<CryptoKey | null> {
  verifyingKey ??= RULES_PUBLIC_KEY ? importRulesPublicKey(RULES_PUBLIC_KEY).then((key) => key ?? null) : Promise.resolve(null);
  return verifyingKey;
}

type Outcome = { kind: 'accepted'; pack: RulePack; etag: string | null } | { kind: 'refused'; refusal: PackRefusal } | { kind: 'not_modified' } | { kind: 'failed' };

async function fetchPack(backendUrl: string, etag: string | null): Promise<Outcome> {
  const result = await getRulePackText(backendUrl, etag, RULE_PACK_MAX_BYTES);
  if (result.kind === 'not_modified') return result;
  if (result.kind === 'error') return { kind: 'failed' };
  if (result.kind === 'too_large') return { kind: 'refused', refusal: { code: 'too_large', detail: `${result.bytes} bytes, the limit is ${RULE_PACK_MAX_BYTES}` } };
  const acceptance = await acceptFetchedPack(result.body, await builtInKey(), BUNDLED_RULE_PACK);
  return acceptance.ok ? { kind: 'accepted', pack: acceptance.pack, etag: result.etag } : { kind: 'refused', refusal: acceptance.refusal };
}

/**
 * Fetches the pack when the last attempt is a day old (or `force`). Keeps the
 * current pack (a verified fetched one, or the bundled one) on any failure or
 * refusal; a refused pack is tried again after RULES_RETRY_MS.
 */
export async function refreshRulePack(now: number, force = false): Promise<void> {
  const stored = await readKey('rules', repairStoredRules);
  if (!force && !rulesRefreshDue(stored, now)) return;
  const { backendUrl } = await getSettings();
  const outcome = await fetchPack(backendUrl, stored.pack ? stored.etag : null);
  if (outcome.kind === 'refused') {
    const kept = stored.pack && choosePack(stored.pack) === stored.pack ? 'the verified pack fetched before' : 'the bundled pack';
    console.warn(`Downwatch: refused the fetched rule pack (${outcome.refusal.code}: ${outcome.refusal.detail}); keeping ${kept}`);
  }
  await updateKey('rules', repairStoredRules, (current) => {
    if (outcome.kind === 'accepted') return { pack: outcome.pack, etag: outcome.etag, fetchedAt: now, lastAttemptAt: now, refusal: null };
    if (outcome.kind === 'not_modified') return { ...current, fetchedAt: now, lastAttemptAt: now };
    if (outcome.kind === 'refused') return { ...current, lastAttemptAt: now, refusal: { ...outcome.refusal, at: now } };
    return { ...current, lastAttemptAt: now };
  });
}
