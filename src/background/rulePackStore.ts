// The active rule pack: the one fetched from `GET /v1/rules` when it is valid
// (and not older than the bundled one), else the pack bundled with this build.
// Refreshed at most daily with an ETag; a bad pack is ignored (DESIGN §3).
import { BUNDLED_RULE_PACK, isPackAtLeastAsNew, rulesForService } from '../core/rules/pack.ts';
import { validateRulePack, type RulePack, type ServiceRules } from '../core/rules/schema.ts';
import { getRulePack } from './backendClient.ts';
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
}

function repairStoredRules(stored: unknown): StoredRules {
  const { pack, etag, fetchedAt, lastAttemptAt } = asRecord(stored);
  const validation = validateRulePack(pack);
  return {
    // A stored pack is re-validated: storage is not trusted more than the network.
    pack: validation.ok ? validation.pack : null,
    etag: typeof etag === 'string' && validation.ok ? etag : null,
    fetchedAt: typeof fetchedAt === 'number' ? fetchedAt : null,
    lastAttemptAt: typeof lastAttemptAt === 'number' ? lastAttemptAt : null,
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

/** Fetches the pack when the last attempt is a day old (or `force`); keeps the current pack on any failure. */
export async function refreshRulePack(now: number, force = false): Promise<void> {
  const stored = await readKey('rules', repairStoredRules);
  if (!force && !rulesRefreshDue(stored, now)) return;
  const { backendUrl } = await getSettings();
  const result = await getRulePack(backendUrl, stored.pack ? stored.etag : null);
  await updateKey('rules', repairStoredRules, (current) => {
    if (result.kind === 'ok') return { pack: result.body, etag: result.etag, fetchedAt: now, lastAttemptAt: now };
    if (result.kind === 'not_modified') return { ...current, fetchedAt: now, lastAttemptAt: now };
    if (result.errors) console.warn(`Downwatch: ignored an invalid rule pack from ${backendUrl}: ${result.errors.join('; ')}`);
    return { ...current, lastAttemptAt: now };
  });
}
