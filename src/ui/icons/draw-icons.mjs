// Draws the toolbar/store icons (public/icons/icon-{16,32,48,128}.png) without
// any image library: a teal disc with a bold white down arrow, anti-aliased by
// 4×4 supersampling. The teal is a middle tone, at least 3:1 against both
// Chrome's light and dark toolbars, and the arrow is a stroke thick enough to
// read at 16 px (WCAG 1.4.11's 3:1 for graphics against the disc).
// Run: node src/ui/icons/draw-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ICON_SIZES = [16, 32, 48, 128];
export const FILL = [26, 140, 163]; // #1a8ca3
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// The arrow in unit coordinates [0,1]²: a shaft and two head strokes meeting at the tip.
const TIP = [0.5, 0.76];
const ARROW = [[[0.5, 0.2], TIP], [[0.26, 0.5], TIP], [[0.74, 0.5], TIP]];
const distToSegment = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax, dy = by - ay;
  const k = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - k * dx, py - ay - k * dy);
};
function sample(x, y, size) {
  if (Math.hypot(x - 0.5, y - 0.5) > 0.5) return null;
  const stroke = size <= 16 ? 0.075 : size <= 32 ? 0.07 : 0.06;
  return ARROW.some(([a, b]) => distToSegment(x, y, a, b) < stroke) ? WHITE : FILL;
}

/** RGBA pixels of the icon at one size (row-major, 4 bytes a pixel). */
export function iconPixels(size) {
  const out = Buffer.alloc(size * size * 4), S = 4;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const c = sample((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size, size);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
    }
    if (a) out.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (S * S))], (y * size + x) * 4);
  }
  return out;
}

export const iconPng = (size) => png(size, iconPixels(size));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../../../public/icons/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(new URL(`icon-${size}.png`, dir), iconPng(size));
  console.log('wrote public/icons/icon-{16,32,48,128}.png');
}
