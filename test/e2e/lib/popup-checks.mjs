// What every popup screenshot must satisfy (docs/incidents.md, docs/extension.md):
// it fits Chrome's 600 px popup without scrolling, axe-core finds nothing,
// no text under 13 px, and Bengali is drawn with the bundled font, not boxes.
import { axeViolations } from './axe.mjs';
import { check } from './wait.mjs';

export const POPUP_MAX_HEIGHT = 600;

/** Opens the popup for `tabId` at the popup's own width. */
export async function openPopupAt(ext, tabId, query = '') {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 360, height: POPUP_MAX_HEIGHT });
  await page.goto(ext.url(`src/popup/index.html?tabId=${tabId}${query}`));
  return page;
}

/** Photographs the popup at its own height and checks that height, the smallest rendered text size, and axe's findings. */
export async function checkPopup(page, name, shotPath, problems, ctx) {
  const { height, smallest } = await page.evaluate(() => {
    let min = Infinity;
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own || !el.getClientRects().length) continue;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * (el.closest('svg') ? el.closest('svg').getBoundingClientRect().width / el.closest('svg').viewBox.baseVal.width : 1));
    }
    const body = document.body.getBoundingClientRect();
    const margin = parseFloat(getComputedStyle(document.body).marginBottom);
    return { height: Math.ceil(Math.max(body.bottom + margin, ...[...document.querySelectorAll('body *')].map((el) => el.getBoundingClientRect().bottom))), smallest: min };
  });
  ctx.log(`${name}: ${height} px tall, smallest text ${smallest.toFixed(1)} px`);
  // Photographed at the size Chrome would give the popup: its content, at most 600 px.
  await page.setViewportSize({ width: 360, height: Math.min(height, POPUP_MAX_HEIGHT) });
  await page.screenshot({ path: shotPath, fullPage: true });
  await page.setViewportSize({ width: 360, height: POPUP_MAX_HEIGHT });
  if (height > POPUP_MAX_HEIGHT) problems.push(`${name}: ${height} px tall (limit ${POPUP_MAX_HEIGHT})`);
  if (smallest < 12.9) problems.push(`${name}: text at ${smallest.toFixed(1)} px (minimum 13)`);
  const violations = await axeViolations(page);
  if (violations.length) problems.push(`${name}: axe: ${violations.join('; ')}`);
}

/**
 * Bengali is drawn in the bundled font: it is loaded, and a Bengali word
 * painted with the page's font stack differs, pixel for pixel, from the same
 * number of code points no font has (the boxes a missing font leaves).
 */
export async function checkBengaliFont(page) {
  const result = await page.evaluate(async () => {
    await document.fonts.ready;
    const family = getComputedStyle(document.body).fontFamily;
    const word = 'সমস্যা জানান';
    const paint = (text) => {
      const canvas = document.createElement('canvas');
      canvas.width = 240;
      canvas.height = 40;
      const g = canvas.getContext('2d');
      g.font = `20px ${family}`;
      g.fillText(text, 4, 28);
      return g.getImageData(0, 0, 240, 40).data;
    };
    const real = paint(word);
    // U+0378 is unassigned: every font leaves it a box.
    const boxes = paint([...word].map((c) => (c === ' ' ? ' ' : '\u0378')).join(''));
    let differing = 0;
    for (let i = 3; i < real.length; i += 4) if (real[i] !== boxes[i]) differing++;
    return {
      loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Downwatch Bengali' && f.status === 'loaded').length,
      check: document.fonts.check(`16px ${family}`, word),
      differing,
    };
  });
  check(result.loaded > 0, `the bundled Bengali font must be loaded, ${JSON.stringify(result)}`);
  check(result.check, `document.fonts.check must find the Bengali text drawable, ${JSON.stringify(result)}`);
  check(result.differing > 50, `Bengali must not be drawn as boxes (pixels differing from boxes: ${result.differing})`);
  return result;
}
