// Whether the extension may use a rule pack fetched from `GET /v1/rules`
// (docs/privacy-and-trust.md): the answer within the size limit,
// an envelope whose signature verifies against the key built into this
// extension, a schema-valid pack, and the invariants of packPolicy.ts against
// the bundled pack. The first failing step is the refusal.
import { packInvariantRefusals, RULE_PACK_MAX_BYTES, type PackRefusal } from './packPolicy.ts';
import { parseEnvelope, verifyEnvelope } from './packSignature.ts';
import { validateRulePack, type RulePack } from './schema.ts';

export type PackAcceptance = { ok: true; pack: RulePack } | { ok: false; refusal: PackRefusal };

const refuse = (code: PackRefusal['code'], detail: string): PackAcceptance => ({ ok: false, refusal: { code, detail } });

/** Validates a pack (schema, then invariants) that is already trusted to come from the signer. */
export function checkPack(value: unknown, bundled: RulePack): PackAcceptance {
  const validation = validateRulePack(value);
  if (!validation.ok) return refuse('invalid', validation.errors.join('; '));
  const [first, ...more] = packInvariantRefusals(validation.pack, bundled);
  if (first) return { ok: false, refusal: more.length ? { ...first, detail: `${first.detail} (and ${more.length} more)` } : first };
  return { ok: true, pack: validation.pack };
}

/**
 * The pack in an answer's text if every check passes. `key` is the verifying
 * key built into this extension; null when the build has none (then no
 * fetched pack is ever used).
 */
export async function acceptFetchedPack(text: string, key: CryptoKey | null, bundled: RulePack): Promise<PackAcceptance> {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > RULE_PACK_MAX_BYTES) return refuse('too_large', `${bytes} bytes, the limit is ${RULE_PACK_MAX_BYTES}`);
  const parsed = parseEnvelope(text);
  if (!parsed.ok) return refuse('not_an_envelope', parsed.detail);
  const { envelope } = parsed;
  if (!envelope.signature) return refuse('unsigned', 'the pack carries no signature');
  if (!key) return refuse('no_key', 'this build has no rule-pack key, so it uses its bundled pack only');
  if (!(await verifyEnvelope(envelope, key))) return refuse('bad_signature', 'the signature does not verify with the built-in key');
  let pack: unknown;
  try {
    pack = JSON.parse(envelope.pack);
  } catch {
    return refuse('invalid', 'the signed pack text is not JSON');
  }
  return checkPack(pack, bundled);
}
