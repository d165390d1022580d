#!/usr/bin/env -S npx tsx
// `npm run rules:sign -- --key <private-key.pem> [--pack <pack.json>] [--out <signed.json>]`
// Signs a rule pack for `GET /v1/rules` (docs/privacy-and-trust.md): checks
// it as an extension would (schema, size, the invariants against the bundled
// pack), then writes the envelope the server serves (RULES_PACK_FILE). The
// private key (ECDSA P-256, PKCS #8 PEM) is named by `--key` or
// DOWNWATCH_RULES_PRIVATE_KEY and must live outside the repository; the only
// key accepted inside it is the published test key, for tests. Without
// `--pack`, signs the bundled pack.
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLED_RULE_PACK } from '../src/core/rules/pack.ts';
import { checkPack } from '../src/core/rules/packAcceptance.ts';
import { RULE_PACK_MAX_BYTES } from '../src/core/rules/packPolicy.ts';
import { signPackText } from '../src/core/rules/packSignature.ts';

const REPO = resolve(import.meta.dirname, '..');
const TEST_KEY_DIR = resolve(REPO, 'test/fixtures/rule-signing');

/** Whether `file` is inside `dir` (after resolving links). */
function isInside(file: string, dir: string): boolean {
  const path = relative(realpathSync(dir), realpathSync(file));
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

export interface SignOptions {
  keyFile: string;
  /** The pack's JSON file; undefined: the bundled pack. */
  packFile?: string;
}

/** The signed envelope's JSON text; throws saying why when the key or the pack is refused. */
export async function signRulePackFile({ keyFile, packFile }: SignOptions): Promise<{ text: string; testKey: boolean }> {
  if (!existsSync(keyFile)) throw new Error(`cannot read the private key ${keyFile}`);
  const testKey = isInside(keyFile, TEST_KEY_DIR);
  if (!testKey && isInside(keyFile, REPO)) {
    throw new Error(`the private key ${keyFile} is inside the repository: keep it outside (only the published test key lives here)`);
  }
  const packText = packFile ? readFileSync(packFile, 'utf8') : JSON.stringify(BUNDLED_RULE_PACK);
  let pack: unknown;
  try {
    pack = JSON.parse(packText);
  } catch {
    throw new Error(`${packFile} is not JSON`);
  }
  const checked = checkPack(pack, BUNDLED_RULE_PACK);
  if (!checked.ok) throw new Error(`extensions would refuse this pack (${checked.refusal.code}): ${checked.refusal.detail}`);
  const text = JSON.stringify(await signPackText(packText, readFileSync(keyFile, 'utf8')));
  if (Buffer.byteLength(text) > RULE_PACK_MAX_BYTES) throw new Error(`the signed pack is larger than extensions accept (${RULE_PACK_MAX_BYTES} bytes)`);
  return { text, testKey };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { key: { type: 'string' }, pack: { type: 'string' }, out: { type: 'string' } } });
  const keyFile = values.key ?? process.env.DOWNWATCH_RULES_PRIVATE_KEY;
  if (!keyFile) throw new Error('name the private key: --key <file> or DOWNWATCH_RULES_PRIVATE_KEY=<file>');
  const { text, testKey } = await signRulePackFile({ keyFile, packFile: values.pack });
  if (testKey) console.error('rules:sign: signed with the published TEST key: only development builds accept it');
  if (values.out) {
    writeFileSync(values.out, text);
    console.error(`rules:sign: wrote ${values.out} (serve it with RULES_PACK_FILE=${resolve(values.out)})`);
  } else {
    process.stdout.write(`${text}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`rules:sign: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
