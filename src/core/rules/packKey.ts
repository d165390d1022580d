// The rule-pack verifying key built into this extension (docs/privacy-and-trust.md):
// vite.config.ts writes it from `DOWNWATCH_RULES_PUBLIC_KEY`; a development
// build uses the test key in test/fixtures/rule-signing/; an empty key means
// the build uses its bundled pack only.
declare const __DOWNWATCH_RULES_PUBLIC_KEY__: string | undefined;

/** The public key (SubjectPublicKeyInfo, base64) packs must be signed for, or null. */
export const RULES_PUBLIC_KEY: string | null =
  typeof __DOWNWATCH_RULES_PUBLIC_KEY__ === 'string' && __DOWNWATCH_RULES_PUBLIC_KEY__ !== '' ? __DOWNWATCH_RULES_PUBLIC_KEY__ : null;
