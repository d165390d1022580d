// docs/privacy-and-trust.md "rule packs are signed" (docs/privacy-and-trust.md), in real
// Chromium: the extension (built for a local backend, so it trusts the
// published test key) refuses the real server's unsigned pack, then — served
// as a compromised server would — a tampered pack, one signed with another
// key, and correctly signed packs that break an invariant, each with its
// reason stored and the bundled pack kept; then uses a correctly signed pack
// the real server serves from RULES_PACK_FILE: a rule only that pack has
// raises a banner signal.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_RULE_PACK } from '../../../src/core/rules/pack.ts';
import { signPackText } from '../../../src/core/rules/packSignature.ts';
import { SIGNED_RULE_TEXT } from '../lib/fake-sites.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

const TEST_KEY = readFileSync(new URL('../../fixtures/rule-signing/test-private.pem', import.meta.url), 'utf8');
const OTHER_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const release = BUNDLED_RULE_PACK.version.split('+')[0];

/** The bundled pack under a new version, with X's rules changed by `edit`. */
function packWith(tag, edit = () => {}) {
  const pack = structuredClone({ ...BUNDLED_RULE_PACK, version: `${release}+e2e-${tag}` });
  edit(pack.services.find((s) => s.service === 'x'));
  return pack;
}

const signedRule = { id: 'x.banner.e2e_signed', selectors: ['[data-testid="error-detail"]'], texts: { en: [SIGNED_RULE_TEXT] } };
const good = packWith('good', (x) => x.banner.push(signedRule));

async function envelope(pack, key = TEST_KEY) {
  return JSON.stringify(await signPackText(JSON.stringify(pack), key));
}

/** The extension's stored rule state (src/background/rulePackStore.ts). */
const storedRules = (ext) => ext.evalExt(() => chrome.storage.local.get('rules').then((r) => r.rules ?? null));

/**
 * Makes the background fetch `GET /v1/rules` now, the way it does daily: the
 * last attempt forgotten, then its own rules alarm fired. Resolves with the
 * stored state once that attempt is recorded.
 */
async function refreshRules(ext) {
  const before = Date.now();
  await ext.evalExt(async () => {
    const { rules } = await chrome.storage.local.get('rules');
    await chrome.storage.local.set({ rules: { ...(rules ?? {}), fetchedAt: null, lastAttemptAt: null } });
    await chrome.alarms.create('downwatch-rules', { when: Date.now() });
  });
  return waitFor('the background to fetch the rule pack', async () => {
    const rules = await storedRules(ext);
    return rules && typeof rules.lastAttemptAt === 'number' && rules.lastAttemptAt >= before - 1_000 ? rules : undefined;
  }, { timeout: 20_000, interval: 200 });
}

export default {
  id: 14,
  name: 'signed rule packs: unsigned, tampered, wrong-key and invariant-breaking packs are refused in the browser; a correctly signed one is used',
  timeout: 180_000,
  async run(ctx) {
    const ext = await ctx.launch();

    // The server without RULES_PACK_FILE serves the bundled pack unsigned.
    const unsigned = await refreshRules(ext);
    check(unsigned.refusal?.code === 'unsigned' && unsigned.pack === null,
      `an unsigned pack must be refused as unsigned, stored: ${JSON.stringify({ refusal: unsigned.refusal, pack: unsigned.pack?.version })}`);

    const tampered = JSON.parse(await envelope(good));
    tampered.pack = tampered.pack.replace(SIGNED_RULE_TEXT, `${SIGNED_RULE_TEXT}!`);
    const cases = [
      ['tampered after signing', JSON.stringify(tampered), 'bad_signature'],
      ['signed with another key', await envelope(good, OTHER_KEY), 'bad_signature'],
      ['user-content exclusions dropped', await envelope(packWith('no-exclusions', (x) => { x.userContentSelectors = []; })), 'user_content_shrunk'],
      ['a presence-only matcher on a profile link', await envelope(packWith('presence', (x) => {
        x.banner.push({ id: 'x.banner.profile', selectors: ['a[href="/downwatch_e2e"]'] });
      })), 'presence_only'],
      ['a near-zero threshold', await envelope(packWith('threshold', (x) => { x.threshold = { ...x.threshold, minScore: 0.01 }; })), 'threshold_below_floor'],
    ];
    // A compromised server answers what it likes: the recorder in front of the server plays it.
    for (const [what, text, code] of cases) {
      ctx.backend.serveRules(text);
      const rules = await refreshRules(ext);
      check(rules.refusal?.code === code && rules.pack === null,
        `${what}: must be refused as ${code} with the bundled pack kept, stored: ${JSON.stringify({ refusal: rules.refusal, pack: rules.pack?.version })}`);
      ctx.log(`${what}: refused (${rules.refusal.code}: ${rules.refusal.detail})`);
    }

    // A correctly signed pack keeping every invariant, served by the real server from RULES_PACK_FILE, is used.
    ctx.backend.serveRules(null);
    const file = join(ctx.dir, 'rules-good.json');
    writeFileSync(file, await envelope(good));
    await ctx.backend.restartServer({ RULES_PACK_FILE: file });
    const accepted = await refreshRules(ext);
    check(accepted.pack?.version === good.version && accepted.refusal === null,
      `the signed pack must be stored, got ${JSON.stringify({ refusal: accepted.refusal, pack: accepted.pack?.version })}`);
    ctx.sites.setState('x', 'signed_rule_banner');
    await ext.openTab(`https://${PAGE_HOST.x}/home`);
    // Blame is not the point here (the server restarts above may count as the backend failing): which rule matched is.
    const signal = await waitFor('a banner signal for x in the signal log', async () =>
      (await ext.signalLog()).find((e) => e.service === 'x' && e.signal === 'banner'), { timeout: 10_000, interval: 150 });
    check(signal.detail === signedRule.id, `the banner must be matched by the signed pack's rule ${signedRule.id}, got ${JSON.stringify(signal)}`);
  },
};
