#!/usr/bin/env node
// `npm start`: build the extension for both browsers, start the report
// service, and say how to load the extension. Ctrl-C stops the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const serverEntry = join(root, 'server', 'main.ts');

function build(label, args) {
  console.log(`\n▶ Building the extension for ${label} …`);
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) {
    console.error(`\n✖ The ${label} build failed (exit ${result.status}); see the errors above.`);
    process.exit(result.status ?? 1);
  }
}

// The built extension must point at the server started here: when PORT/HOST move the server and no
// DOWNWATCH_BACKEND_URL is given, the build's default backend follows them.
const listenHost = !process.env.HOST || process.env.HOST === '0.0.0.0' || process.env.HOST === '::' ? '127.0.0.1' : process.env.HOST;
const backend = process.env.DOWNWATCH_BACKEND_URL || `http://${listenHost}:${process.env.PORT || '8787'}`;
process.env.DOWNWATCH_BACKEND_URL = backend;

build('Chrome/Chromium', []);
build('Firefox', ['--mode', 'firefox']);
console.log(`
✔ Extension built.

  Chrome / Chromium / Edge:
    1. open chrome://extensions
    2. switch on "Developer mode" (top right)
    3. "Load unpacked" → choose ${join(root, 'dist')}

  Firefox (142 or newer):
    1. open about:debugging#/runtime/this-firefox
    2. "Load Temporary Add-on…" → choose ${join(root, 'dist-firefox', 'manifest.json')}

  The extension talks to ${backend} by default (change it in its options page).
`);

if (!existsSync(serverEntry)) {
  console.error('✖ server/main.ts is missing, so the report service cannot start. The extension is built; run `npm run server` once the server exists.');
  process.exit(1);
}

console.log('▶ Starting the report service (Ctrl-C to stop) …\n');
const server = spawn(tsx, [serverEntry], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 0 : 1));
});
