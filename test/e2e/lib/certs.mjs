// A throwaway self-signed certificate for the fake sites, made with openssl at
// run time (nothing secret is committed). Browsers are told to ignore its
// errors (Chromium: ignoreHTTPSErrors; Firefox: Marionette acceptInsecureCerts).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function makeTestCert(dir, hosts) {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const san = hosts.map((h) => `DNS:${h}`).join(',');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=downwatch-e2e-fake-sites',
      '-addext', `subjectAltName=${san}`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`openssl could not make the test certificate (is openssl installed?): ${error.stderr ?? error.message}`);
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), keyFile, certFile };
}
