import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import { MAX_CANDIDATES_PER_SELECTOR } from '../../src/content/pageMatchers.ts';
import { MAX_PENDING_ROOTS } from '../../src/content/mutationBatcher.ts';
import { loadFixture, settle, startOn, type Harness } from './contentHarness.ts';

let h: Harness | undefined;
afterEach(() => h?.handle?.stop());

function tweetCell(i: number): HTMLElement {
  const cell = document.createElement('div');
  cell.dataset.testid = 'cellInnerDiv';
  cell.innerHTML = `<article data-testid="tweet" role="article"><div data-testid="tweetText"><span>post ${i}</span></div><button role="button" data-testid="like">${i}</button></article>`;
  return cell;
}

const timeline = () => document.querySelector('[aria-label^="Timeline"]')!;

describe('watching is cheap', () => {
  it('runs one batch, when idle, for many mutations, with bounded work', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    const before = { ...h.handle!.work };
    for (let i = 0; i < 2_000; i++) timeline().append(tweetCell(i));
    await settle();
    expect(h.scheduled()).toBe(1);
    expect(h.handle!.work.batches).toBe(before.batches); // nothing ran inside the mutations
    expect(h.runIdle()).toBe(1);
    expect(h.handle!.work.batches).toBe(before.batches + 1);
    // More than MAX_PENDING_ROOTS roots collapse into one body scan, capped per selector
    // (+1 per matcher for the root's own ancestor).
    expect(2_000).toBeGreaterThan(MAX_PENDING_ROOTS);
    const x = rulesForService(BUNDLED_RULE_PACK, 'x')!;
    const selectors = [...x.banner, ...x.feedStalled.matchers, ...x.logout!.loginWall].reduce((n, m) => n + m.selectors.length, 0);
    expect(h.handle!.work.candidates - before.candidates).toBeLessThanOrEqual(selectors * (MAX_CANDIDATES_PER_SELECTOR + 1));
    expect(h.signals()).toEqual([]);
    // Two thousand DOM insertions take seconds in happy-dom on a busy machine; the bound under test is the work, not the time.
  }, 30_000);

  it('examines only the changed subtree, not the whole page', async () => {
    loadFixture('x', 'normal');
    for (let i = 0; i < 200; i++) timeline().append(tweetCell(i));
    h = await startOn('x');
    const before = h.handle!.work.candidates;
    document.querySelector('[data-testid="like"]')!.textContent = '41';
    await settle();
    h.runIdle();
    expect(h.handle!.work.candidates - before).toBeLessThanOrEqual(2);
  });

  it('still finds an error toast added in the same batch as thousands of posts', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    for (let i = 0; i < 1_000; i++) timeline().append(tweetCell(i));
    document.getElementById('layers')!.innerHTML = '<div role="alert" data-testid="toast"><span>Something went wrong. Try reloading.</span></div>';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual(['banner:x.banner.reload']);
  });

  it('sends the same signal and rule at most once per 30 s', async () => {
    loadFixture('x', 'normal');
    let now = 1_000_000;
    h = await startOn('x', { now: () => now });
    const layers = document.getElementById('layers')!;
    for (const step of [0, 10_000, 10_000, 15_000]) {
      now += step;
      layers.innerHTML = `<div role="alert" data-testid="toast"><span>Something went wrong. Try reloading.</span></div>`;
      await settle();
      h.runIdle();
    }
    expect(h.signals()).toEqual(['banner:x.banner.reload', 'banner:x.banner.reload']);
  });

  it('ignores error texts inside script, style, noscript and template elements', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    document.getElementById('layers')!.innerHTML =
      '<div role="alert" data-testid="toast"><script>"Something went wrong. Try reloading."</script><style>/* Something went wrong. Try reloading. */</style>' +
      '<noscript>Something went wrong. Try reloading.</noscript><template><span>Something went wrong. Try reloading.</span></template></div>';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual([]);
  });

  it('ignores a hidden error UI until the site reveals it', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    document.getElementById('layers')!.innerHTML = '<div role="alert" data-testid="toast" hidden><span>Something went wrong. Try reloading.</span></div>';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual([]);
    document.querySelector('[data-testid="toast"]')!.removeAttribute('hidden');
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual(['banner:x.banner.reload']);
  });

  it('detects an error text that appears inside an existing error container', async () => {
    loadFixture('youtube', 'normal_watch');
    h = await startOn('youtube');
    const player = document.getElementById('movie_player')!;
    player.insertAdjacentHTML('beforeend', '<div class="ytp-error" role="alert"><div class="ytp-error-content-wrap-reason"><span></span></div></div>');
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual([]);
    // The player keeps a hidden, stale error overlay too (normal_watch); fill the new one.
    player.lastElementChild!.querySelector('span')!.textContent = 'An error occurred. Please try again later.';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual(['banner:youtube.banner.player_error']);
  });

  it('stops observing when stopped', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    h.handle!.stop();
    document.getElementById('layers')!.innerHTML = '<div role="alert" data-testid="toast"><span>Something went wrong. Try reloading.</span></div>';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual([]);
  });
});

describe('user content does not crowd out the site UI', () => {
  it('finds the Retry button after hundreds of posts with their own buttons, in one full scan', async () => {
    loadFixture('x', 'normal');
    for (let i = 0; i < 300; i++) timeline().append(tweetCell(i));
    timeline().insertAdjacentHTML('beforeend', '<div data-testid="cellInnerDiv"><div data-testid="error-detail"><button role="button"><span>Retry</span></button></div></div>');
    h = await startOn('x');
    expect(h.signals()).toContain('feed_stalled:x.feed.retry');
  });
});
