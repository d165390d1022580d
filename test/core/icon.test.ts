// The toolbar icon must read at 16 px on light and dark toolbars:
// the committed PNGs are what the drawing script makes, and composited on both
// toolbar colours the mark keeps a visible silhouette and a legible glyph.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import * as icons from '../../src/ui/icons/draw-icons.mjs';

const { FILL, iconPixels, iconPng } = icons as { FILL: number[]; iconPixels: (size: number) => Buffer; iconPng: (size: number) => Buffer };
const ICON_SIZES: number[] = icons.ICON_SIZES;

const TOOLBARS = { light: [241, 243, 244], dark: [53, 54, 58], darkest: [32, 33, 36] } as const;

const channel = (v: number) => {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = ([r = 0, g = 0, b = 0]: readonly number[]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const contrast = (a: readonly number[], b: readonly number[]) => {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};

/** Pixels of a PNG written by the drawing script (8-bit RGBA, filter 0 on every row). */
function decodeOwnPng(file: Buffer): { size: number; rgba: Buffer } {
  const size = file.readUInt32BE(16);
  const chunks: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    expect(raw[y * (size * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  }
  return { size, rgba };
}

function composite(rgba: Buffer, background: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let o = 0; o < rgba.length; o += 4) {
    const a = rgba.readUInt8(o + 3) / 255;
    out.push([0, 1, 2].map((k) => rgba.readUInt8(o + k) * a + (background[k] ?? 0) * (1 - a)));
  }
  return out;
}

describe('toolbar icon', () => {
  it.each(ICON_SIZES)('public/icons/icon-%i.png is what the drawing script draws', (size: number) => {
    const committed = readFileSync(new URL(`../../public/icons/icon-${size}.png`, import.meta.url));
    expect(committed.equals(iconPng(size))).toBe(true);
    expect(decodeOwnPng(committed).rgba.equals(iconPixels(size))).toBe(true);
  });

  it.each(Object.entries(TOOLBARS))('at 16 px its silhouette stands out on the %s toolbar', (_name, toolbar) => {
    const pixels = composite(iconPixels(16), toolbar);
    const visible = pixels.filter((p) => contrast(p, toolbar) >= 3).length;
    expect(visible / pixels.length).toBeGreaterThanOrEqual(0.35);
  });

  it('at 16 px the arrow is a distinct glyph on the disc, not a speck or a flood', () => {
    const rgba = iconPixels(16);
    let glyph = 0, field = 0;
    for (let o = 0; o < rgba.length; o += 4) {
      if (rgba.readUInt8(o + 3) < 255) continue;
      const pixel = [rgba.readUInt8(o), rgba.readUInt8(o + 1), rgba.readUInt8(o + 2)];
      if (contrast(pixel, FILL) >= 3) glyph++;
      else if (contrast(pixel, FILL) < 1.2) field++;
    }
    expect(contrast([255, 255, 255], FILL)).toBeGreaterThanOrEqual(3);
    expect(glyph / (glyph + field)).toBeGreaterThan(0.25);
    expect(glyph / (glyph + field)).toBeLessThan(0.7);
  });
});
