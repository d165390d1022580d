// What `GET /v1/rules` serves (docs/privacy-and-trust.md): the
// signed envelope written by `npm run rules:sign` (RULES_PACK_FILE), checked
// at start so a broken file stops the server with a clear message instead of
// being served; without a file, the bundled pack unsigned (extensions then
// keep their own bundled pack, which is the same rules).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { RULE_PACK_MAX_BYTES } from '../../src/core/rules/packPolicy.ts';
import { parseEnvelope, RULE_PACK_ALGORITHM, type RulePackEnvelope } from '../../src/core/rules/packSignature.ts';
import { validateRulePack } from '../../src/core/rules/schema.ts';
import type { CachedBody } from '../stats/statsService.ts';

function cachedEnvelope(envelope: RulePackEnvelope, version: string): CachedBody {
  const body = JSON.stringify(envelope);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { body, etag: `"${version}-${hash}"` };
}

/** The signed envelope in `file`, checked (signed, a valid pack, within the size limit); throws saying what is wrong. */
export function loadSignedRules(file: string): CachedBody {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`RULES_PACK_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = parseEnvelope(text);
  if (!parsed.ok) throw new Error(`RULES_PACK_FILE: ${file} is not a signed rule pack (npm run rules:sign writes one): ${parsed.detail}`);
  const { envelope } = parsed;
  if (!envelope.signature || envelope.algorithm !== RULE_PACK_ALGORITHM) {
    throw new Error(`RULES_PACK_FILE: ${file} carries no ${RULE_PACK_ALGORITHM} signature (npm run rules:sign adds it)`);
  }
  let pack: unknown;
  try {
    pack = JSON.parse(envelope.pack);
  } catch {
    throw new Error(`RULES_PACK_FILE: the pack text in ${file} is not JSON`);
  }
  const validation = validateRulePack(pack);
  if (!validation.ok) throw new Error(`RULES_PACK_FILE: the pack in ${file} is not valid: ${validation.errors.join('; ')}`);
  const body = cachedEnvelope(envelope, validation.pack.version);
  if (Buffer.byteLength(body.body) > RULE_PACK_MAX_BYTES) throw new Error(`RULES_PACK_FILE: ${file} is larger than extensions accept (${RULE_PACK_MAX_BYTES} bytes)`);
  return body;
}

/** The body of `GET /v1/rules`: the signed file when configured, else the bundled pack unsigned. */
export function rulesBody(file: string | null): CachedBody {
  if (file) return loadSignedRules(file);
  return cachedEnvelope({ pack: JSON.stringify(BUNDLED_RULE_PACK) }, BUNDLED_RULE_PACK.version);
}
