#!/usr/bin/env node
// `npm run zip`: store-ready archives of both builds, written with Node alone
// (no system `zip`), deterministic (sorted entries, fixed timestamps) so the
// same build gives the same bytes.
//   artifacts/downwatch-chrome-<version>.zip   from dist/
//   artifacts/downwatch-firefox-<version>.zip  from dist-firefox/
// Builds first unless `--no-build` is given.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'artifacts');
// 1980-01-01 00:00, the earliest DOS date: stable across builds.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** A ZIP archive (deflate, no extras) of every file under `dir`, paths relative to it. */
function zipDirectory(dir) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const file of filesUnder(dir)) {
    const name = Buffer.from(relative(dir, file).split(sep).join('/'), 'utf8');
    const data = readFileSync(file);
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function main() {
  if (!process.argv.includes('--no-build')) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
  mkdirSync(outDir, { recursive: true });
  for (const [browser, dir] of [['chrome', 'dist'], ['firefox', 'dist-firefox']]) {
    const source = join(root, dir);
    if (!existsSync(join(source, 'manifest.json'))) {
      console.error(`${dir}/manifest.json is missing: run \`npm run build\` first.`);
      process.exit(1);
    }
    const { version } = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
    const target = join(outDir, `downwatch-${browser}-${version}.zip`);
    const archive = zipDirectory(source);
    writeFileSync(target, archive);
    console.log(`${relative(root, target)}  ${(archive.length / 1024).toFixed(1)} KiB`);
  }
}

main();
