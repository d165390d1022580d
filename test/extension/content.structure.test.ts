// The engine's judgement beyond rule lists (docs/detection.md): text split
// across elements, what the user cannot see, structure around the text (the
// site's error UI vs. what users wrote or are named), full-page errors, and
// errors revealed in ways the observer does not report.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture, settle, startOn, type Harness } from './contentHarness.ts';

let h: Harness | undefined;
afterEach(() => {
  h?.handle?.stop();
  h = undefined;
  vi.useRealTimers();
});

const timeline = () => document.querySelector('[aria-label^="Timeline"]')!;

async function afterChange(change: () => void): Promise<string[]> {
  change();
  await settle();
  h!.runIdle();
  return h!.signals();
}

describe('text that real markup splits and decorates', () => {
  it('matches a message split across spans with no space between them', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    const signals = await afterChange(() => {
      document.getElementById('layers')!.innerHTML = '<div role="alert"><span>Something went</span><span> wrong.</span><span>Try</span> <b>reloading…</b></div>';
    });
    expect(signals).toEqual(['banner:x.banner.reload']);
  });
});

describe('only what the user can see', () => {
  for (const [what, html] of [
    ['display:none from a style sheet', '<style>.shell{display:none}</style><div class="shell" role="alert">Something went wrong. Try reloading.</div>'],
    ['visibility:hidden', '<div role="alert" style="visibility:hidden">Something went wrong. Try reloading.</div>'],
    ['a box placed off-screen', '<div role="alert" style="position:absolute;left:-9999px">Something went wrong. Try reloading.</div>'],
    ['a clipped one-pixel box', '<div role="alert" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Something went wrong. Try reloading.</div>'],
    ['aria-hidden', '<div aria-hidden="true"><div role="alert">Something went wrong. Try reloading.</div></div>'],
    ['a template', '<template><div role="alert">Something went wrong. Try reloading.</div></template>'],
  ] as const) {
    it(`ignores an error UI hidden by ${what}`, async () => {
      loadFixture('x', 'normal');
      h = await startOn('x');
      expect(await afterChange(() => (document.getElementById('layers')!.innerHTML = html))).toEqual([]);
    });
  }
});

describe('structure: the site’s error UI, not what users wrote or are named', () => {
  it('does not fire on an X notification cell from an account named like the error', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    const signals = await afterChange(() => {
      const cell = document.createElement('div');
      cell.dataset.testid = 'cellInnerDiv';
      cell.innerHTML = '<article data-testid="notification" role="article"><div><a href="/swwtr" role="link"><span>Something went wrong. Try reloading</span></a> <span>followed you</span></div></article>';
      timeline().prepend(cell);
    });
    expect(signals).toEqual([]);
  });

  it('does not fire on the name of an account even outside a post (names are links)', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    const signals = await afterChange(() => {
      const cell = document.createElement('div');
      cell.dataset.testid = 'cellInnerDiv';
      cell.innerHTML = '<div data-testid="UserCell"><a href="/swwtr" role="link"><span>Something went wrong. Try reloading</span></a><button role="button">Follow</button></div>';
      timeline().prepend(cell);
    });
    expect(signals).toEqual([]);
  });

  it('fires on the error in a wrapper the rules do not name, when its role says alert', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    const signals = await afterChange(() => {
      document.querySelector('header')!.insertAdjacentHTML('afterend', '<div class="r-new-wrapper"><div role="alert"><span>Something went wrong. Try reloading.</span></div></div>');
    });
    expect(signals).toEqual(['banner:x.banner.reload']);
  });

  it('fires on the error beside a retry control in an unnamed wrapper, not on the same text in a plain paragraph', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    const plain = await afterChange(() => {
      document.querySelector('header')!.insertAdjacentHTML('beforeend', '<p>Something went wrong. Try reloading.</p>');
    });
    expect(plain).toEqual([]);
    const withRetry = await afterChange(() => {
      document.querySelector('header')!.insertAdjacentHTML('beforeend', '<div><span>Something went wrong. Try reloading.</span><div role="button">Retry</div></div>');
    });
    expect(withRetry).toEqual(['banner:x.banner.reload']);
  });

  it('does not fire on a Facebook dialog listing a group named "Sorry, something went wrong"; fires on its error dialog', async () => {
    loadFixture('facebook', 'normal');
    h = await startOn('facebook');
    const named = await afterChange(() => {
      document.body.insertAdjacentHTML('beforeend', '<div role="dialog" aria-label="Suggested groups"><h2>Suggested groups</h2><ul><li><a href="https://www.facebook.com/groups/123/" role="link"><span>Sorry, something went wrong</span></a><span>Public group · 12K members</span><div role="button">Join group</div></li></ul></div>');
    });
    expect(named).toEqual([]);
    const error = await afterChange(() => {
      document.body.insertAdjacentHTML('beforeend', '<div role="dialog"><h2>Sorry, something went wrong.</h2><span>We’re working on getting this fixed as soon as we can.</span><div role="button">Close</div></div>');
    });
    expect(error).toEqual(['banner:facebook.banner.sorry']);
  });
});

describe('toasts in wrappers no rule names', () => {
  it('fires on a short box fixed to the viewport, not on the same words in a post that floats nowhere', async () => {
    loadFixture('instagram', 'normal');
    h = await startOn('instagram');
    const inPost = await afterChange(() => {
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<div><span dir="auto">Couldn’t refresh feed again today, anyone else?</span><a href="/p/1/">View post</a></div>');
    });
    expect(inPost).toEqual([]);
    const toast = await afterChange(() => {
      document.body.insertAdjacentHTML('beforeend', '<div class="x1n2onr6"><div style="position:fixed;bottom:24px;left:50%"><div><span dir="auto">Couldn\'t refresh feed</span></div></div></div>');
    });
    expect(toast).toEqual(['banner:instagram.banner.refresh_feed']);
  });
});

describe('full-page errors', () => {
  it('fires on a tiny page whose main content is the error, with branding and a reload link', async () => {
    document.documentElement.innerHTML = '<head><title>X</title></head><body><div><svg aria-label="X"></svg><div><span>Something went wrong. Try reloading.</span></div><a href="/home">Reload</a></div></body>';
    h = await startOn('x');
    expect(h.signals()).toEqual(['banner:x.banner.reload']);
  });
});

describe('errors revealed without a mutation the observer reports', () => {
  it('finds an error shown by a class change at the next periodic rescan', async () => {
    vi.useFakeTimers();
    loadFixture('x', 'normal');
    document.head.insertAdjacentHTML('beforeend', '<style>.off{display:none}</style>');
    document.getElementById('layers')!.innerHTML = '<div id="toast" class="off" role="alert">Something went wrong. Try reloading.</div>';
    h = await startOn('x', { rescanMs: 5_000 });
    expect(h.signals()).toEqual([]);
    document.getElementById('toast')!.className = 'on';
    await vi.advanceTimersByTimeAsync(5_000);
    h.runIdle();
    expect(h.signals()).toEqual(['banner:x.banner.reload']);
  });

  it('drops changes inside posts before the batch: a counter rewrite examines nothing', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    const before = h.handle!.work.candidates;
    await afterChange(() => {
      for (const like of document.querySelectorAll('[data-testid="like"] span')) like.textContent = '99';
    });
    expect(h.handle!.work.candidates).toBe(before);
  });
});
