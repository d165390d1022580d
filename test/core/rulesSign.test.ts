// `npm run rules:sign` (scripts/rules-sign.ts): signs with a key kept outside
// the repository, and refuses a pack extensions would refuse.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRulePackFile } from '../../scripts/rules-sign.ts';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { acceptFetchedPack } from '../../src/core/rules/packAcceptance.ts';
import { importRulesPublicKey } from '../../src/core/rules/packSignature.ts';

const TEST_KEY = 'test/fixtures/rule-signing/test-private.pem';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'downwatch-sign-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('the CLI signs the bundled pack with a key file outside the repository; the extension accepts the result', async () => {
  const key = join(dir, 'rules-private.pem');
  copyFileSync(TEST_KEY, key);
  const out = join(dir, 'signed.json');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/rules-sign.ts', '--out', out], { env: { ...process.env, DOWNWATCH_RULES_PRIVATE_KEY: key }, stdio: 'pipe' });
  const publicKey = await importRulesPublicKey(readFileSync('test/fixtures/rule-signing/test-public.pem', 'utf8'));
  expect(await acceptFetchedPack(readFileSync(out, 'utf8'), publicKey!, BUNDLED_RULE_PACK)).toEqual({ ok: true, pack: BUNDLED_RULE_PACK });
}, 30_000);

test('a private key inside the repository is refused (the published test key excepted, with a warning)', async () => {
  const inRepo = 'rules-private.pem';
  copyFileSync(TEST_KEY, inRepo);
  try {
    await expect(signRulePackFile({ keyFile: inRepo })).rejects.toThrow(/inside the repository/);
  } finally {
    rmSync(inRepo);
  }
  expect((await signRulePackFile({ keyFile: TEST_KEY })).testKey).toBe(true);
});

test('a pack that breaks the invariants is not signed', async () => {
  const key = join(dir, 'rules-private.pem');
  copyFileSync(TEST_KEY, key);
  const pack = structuredClone(BUNDLED_RULE_PACK);
  pack.services[0]!.userContentSelectors = [];
  const packFile = join(dir, 'pack.json');
  writeFileSync(packFile, JSON.stringify(pack));
  await expect(signRulePackFile({ keyFile: key, packFile })).rejects.toThrow(/user_content_shrunk/);
  await expect(signRulePackFile({ keyFile: join(dir, 'none.pem') })).rejects.toThrow(/cannot read the private key/);
});
