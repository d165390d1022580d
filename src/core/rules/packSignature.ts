// Signed rule packs (docs/privacy-and-trust.md): `GET /v1/rules`
// answers an envelope holding the pack's JSON text and a detached ECDSA P-256
// / SHA-256 signature over exactly those bytes (UTF-8), so no re-serialisation
// can change what was signed. Verified with WebCrypto against a public key
// built into the extension; signed by `npm run rules:sign` with a private key
// kept outside the repository. WebCrypto only, so the background, Node tests
// and the signing script share this code.

/** The one algorithm: ECDSA on P-256 with SHA-256, signature as r‖s (64 bytes, WebCrypto's format). */
export const RULE_PACK_ALGORITHM = 'ECDSA-P256-SHA256';
const KEY_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** What `GET /v1/rules` answers. `signature` is missing on a server that has no signed pack to serve. */
export interface RulePackEnvelope {
  algorithm?: string;
  /** base64 of the signature over the UTF-8 bytes of `pack`. */
  signature?: string;
  /** The rule pack's JSON text, exactly as signed. */
  pack: string;
}

export type EnvelopeParse = { ok: true; envelope: RulePackEnvelope } | { ok: false; detail: string };

/** The envelope from an answer's text; anything else is not one. */
export function parseEnvelope(text: string): EnvelopeParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, detail: 'the answer is not JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, detail: 'the answer is not an object' };
  const { algorithm, signature, pack } = value as Record<string, unknown>;
  if (typeof pack !== 'string') return { ok: false, detail: '"pack" must be the pack\'s JSON text' };
  if (algorithm !== undefined && typeof algorithm !== 'string') return { ok: false, detail: '"algorithm" must be a string' };
  if (signature !== undefined && typeof signature !== 'string') return { ok: false, detail: '"signature" must be base64 text' };
  return { ok: true, envelope: { pack, ...(algorithm !== undefined ? { algorithm } : {}), ...(signature !== undefined ? { signature } : {}) } };
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return undefined;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The base64 body of a PEM block (`-----BEGIN PUBLIC KEY-----` …), or of bare base64 text. */
export function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** The public key (SubjectPublicKeyInfo, base64 or PEM) as a WebCrypto verifying key; undefined when it is not one. */
export async function importRulesPublicKey(spki: string): Promise<CryptoKey | undefined> {
  const bytes = base64ToBytes(pemBody(spki));
  if (!bytes) return undefined;
  try {
    return await crypto.subtle.importKey('spki', bytes, KEY_PARAMS, false, ['verify']);
  } catch {
    return undefined;
  }
}

/** Whether the envelope's signature verifies over its pack text with `key`. */
export async function verifyEnvelope(envelope: RulePackEnvelope, key: CryptoKey): Promise<boolean> {
  if (envelope.algorithm !== RULE_PACK_ALGORITHM || !envelope.signature) return false;
  const signature = base64ToBytes(envelope.signature);
  if (!signature) return false;
  try {
    return await crypto.subtle.verify(SIGN_PARAMS, key, signature, new TextEncoder().encode(envelope.pack));
  } catch {
    return false;
  }
}

/** Signs a pack's JSON text with a PKCS #8 private key (PEM): the envelope to serve. */
export async function signPackText(packText: string, pkcs8Pem: string): Promise<Required<RulePackEnvelope>> {
  const bytes = base64ToBytes(pemBody(pkcs8Pem));
  if (!bytes) throw new Error('the private key is not PEM or base64 (PKCS #8)');
  const key = await crypto.subtle.importKey('pkcs8', bytes, KEY_PARAMS, false, ['sign']).catch(() => {
    throw new Error('the private key is not an ECDSA P-256 key in PKCS #8 form');
  });
  const signature = new Uint8Array(await crypto.subtle.sign(SIGN_PARAMS, key, new TextEncoder().encode(packText)));
  return { algorithm: RULE_PACK_ALGORITHM, signature: bytesToBase64(signature), pack: packText };
}
