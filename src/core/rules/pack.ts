// The bundled rule pack: the rules of every catalog service, in catalog order
// (docs/adding-a-service.md, docs/detection.md). The server serves it at `GET /v1/rules`; the extension uses
// it until a newer, valid pack has been fetched. Texts are what each site
// shows in its own error UI, per UI language; selectors scope them to that UI
// so a user's post that quotes an error text never matches
// (`userContentSelectors` are excluded too).
//
// Texts are matched as case-insensitive substrings after `normaliseText`, so
// they leave out trailing punctuation that differs between languages (. / ।).
import manifest from '../../../manifest.json' with { type: 'json' };
import { CATALOG } from '../catalog.ts';
import type { RulePack, ServiceRules } from './schema.ts';

/** FNV-1a over the text: a short, stable fingerprint (identity, not security). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * `<extension version>+<fingerprint of the rules>`: nothing to bump by hand.
 * The release part orders packs (an extension update ships newer rules than an
 * older server's); the fingerprint tells two packs of one release apart.
 */
export function rulePackVersion(services: readonly ServiceRules[]): string {
  return `${manifest.version}+${fingerprint(JSON.stringify(services))}`;
}

const services: ServiceRules[] = CATALOG.map((service) => service.rules);

export const BUNDLED_RULE_PACK: RulePack = { version: rulePackVersion(services), services };

/** The release part of a pack version (`0.1.0+1a2b3c4d` → `0.1.0`). */
const releaseOf = (version: string): string => version.split('+')[0]!;

/**
 * Whether a pack of `version` is at least as new as one of `reference`:
 * releases compared numerically; within one release the candidate wins (a
 * server's rules of the same release are its operator's fix).
 */
export function isPackAtLeastAsNew(version: string, reference: string): boolean {
  return releaseOf(version).localeCompare(releaseOf(reference), 'en', { numeric: true }) >= 0;
}

/** The rules for one service in a pack, if it has any. */
export function rulesForService(pack: RulePack, service: string): ServiceRules | undefined {
  return pack.services.find((rules) => rules.service === service);
}
