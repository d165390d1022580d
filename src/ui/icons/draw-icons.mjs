// Draws the toolbar/store icons (public/icons/icon-{16,32,48,128}.png) without
// any image library: a teal rounded square with a white "pulse that drops"
// line, anti-aliased by 4×4 supersampling. Run: node src/ui/icons/draw-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

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

// Shape in unit coordinates [0,1]²: rounded square + a polyline (flat, spike, drop).
const LINE = [[0.14, 0.42], [0.36, 0.42], [0.46, 0.22], [0.58, 0.78], [0.68, 0.56], [0.86, 0.56]];
const distToSegment = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax, dy = by - ay;
  const k = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - k * dx, py - ay - k * dy);
};
function sample(x, y, size) {
  const r = 0.2, m = size <= 16 ? 0 : 0.03;
  const qx = Math.max(m + r - x, 0, x - (1 - m - r)), qy = Math.max(m + r - y, 0, y - (1 - m - r));
  if (Math.hypot(qx, qy) > r || x < m || y < m || x > 1 - m || y > 1 - m) return null;
  const width = size <= 16 ? 0.1 : size <= 32 ? 0.08 : 0.065;
  for (let i = 1; i < LINE.length; i++) if (distToSegment(x, y, LINE[i - 1], LINE[i]) < width) return [255, 255, 255];
  return [11, 95, 115]; // #0b5f73
}
function draw(size) {
  const out = Buffer.alloc(size * size * 4), S = 4;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const c = sample((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size, size);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
    }
    const o = (y * size + x) * 4;
    if (a) out.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (S * S))], o);
  }
  return png(size, out);
}
const dir = new URL('../../../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`icon-${size}.png`, dir), draw(size));
console.log('wrote public/icons/icon-{16,32,48,128}.png');
