// What GET /v1/rules serves (server/api/rulesPack.ts): the signed envelope
// from RULES_PACK_FILE byte for byte in its pack text, checked at start.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { loadSignedRules, rulesBody } from '../../server/api/rulesPack.ts';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { acceptFetchedPack } from '../../src/core/rules/packAcceptance.ts';
import { importRulesPublicKey, signPackText } from '../../src/core/rules/packSignature.ts';

const PRIVATE = readFileSync('test/fixtures/rule-signing/test-private.pem', 'utf8');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'downwatch-rules-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

test('a signed file is served so that the extension verifies and accepts it', async () => {
  const pack = { ...BUNDLED_RULE_PACK, version: '9.0.0+signed' };
  const file = write('signed.json', JSON.stringify(await signPackText(JSON.stringify(pack, null, 2), PRIVATE)));
  const served = loadSignedRules(file);
  expect(served.etag).toContain('9.0.0+signed');
  const key = await importRulesPublicKey(readFileSync('test/fixtures/rule-signing/test-public.pem', 'utf8'));
  expect(await acceptFetchedPack(served.body, key!, BUNDLED_RULE_PACK)).toEqual({ ok: true, pack });
});

test('without a file, the bundled pack is served unsigned', () => {
  const envelope = JSON.parse(rulesBody(null).body);
  expect(envelope).toEqual({ pack: JSON.stringify(BUNDLED_RULE_PACK) });
});

test('a missing, unsigned or invalid file stops the server at start with a message naming the problem', async () => {
  expect(() => loadSignedRules(join(dir, 'missing.json'))).toThrow(/RULES_PACK_FILE: cannot read/);
  expect(() => loadSignedRules(write('bare.json', JSON.stringify(BUNDLED_RULE_PACK)))).toThrow(/not a signed rule pack/);
  expect(() => loadSignedRules(write('unsigned.json', JSON.stringify({ pack: JSON.stringify(BUNDLED_RULE_PACK) })))).toThrow(/no ECDSA-P256-SHA256 signature/);
  const invalid = await signPackText(JSON.stringify({ version: '1', services: [] }), PRIVATE);
  expect(() => loadSignedRules(write('invalid.json', JSON.stringify(invalid)))).toThrow(/not valid/);
});

test('RULES_PACK_FILE is read from the environment; unset or none means the bundled pack', () => {
  expect(loadConfig({}).rulesPackFile).toBeNull();
  expect(loadConfig({ RULES_PACK_FILE: 'none' }).rulesPackFile).toBeNull();
  expect(loadConfig({ RULES_PACK_FILE: '/etc/downwatch/rules.signed.json' }).rulesPackFile).toBe('/etc/downwatch/rules.signed.json');
});
