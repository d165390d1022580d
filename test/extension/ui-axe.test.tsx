// axe-core over the rendered screens in happy-dom. happy-dom has no layout, so
// rules that need rendering (colour contrast, target size, scrollable regions)
// are left to the end-to-end run in real Chromium; structure, names, roles,
// labels and heading order are checked here.
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './uiFakeBrowser.ts';
import { popupState, settings } from './uiFixtures.ts';
import { mount, unmount } from './uiRender.tsx';
import type { ComponentChild } from 'preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));

const { Popup } = await import('../../src/popup/Popup.tsx');
const { OptionsPage } = await import('../../src/options/OptionsPage.tsx');
const { Welcome } = await import('../../src/options/Welcome.tsx');

const LAYOUT_RULES = ['color-contrast', 'color-contrast-enhanced', 'target-size', 'scrollable-region-focusable', 'link-in-text-block'];

async function violations(tree: ComponentChild, title: string) {
  document.documentElement.lang = fakeBrowser.locale;
  document.title = title;
  const root = await mount(tree);
  // Screens render straight into <body> in the extension; axe checks the whole document.
  const result = await axe.run(document, {
    rules: Object.fromEntries(LAYOUT_RULES.map((id) => [id, { enabled: false }])),
    resultTypes: ['violations'],
  });
  expect(root.childElementCount).toBeGreaterThan(0);
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 120)) }));
}

describe('axe-core in happy-dom', () => {
  afterEach(unmount);
  it('does report violations here (so a clean result means something)', async () => {
    const found = await violations(
      <main>
        <h1>Page</h1>
        <h3>Skipped a level</h3>
        <input type="text" />
        <button type="button" />
      </main>,
      'Broken',
    );
    expect(found.map((v) => v.id)).toEqual(expect.arrayContaining(['label', 'button-name', 'heading-order']));
  });
});

describe.each(['en', 'bn'])('axe-core (%s)', (locale) => {
  beforeEach(() => {
    resetFakeBrowser();
    fakeBrowser.locale = locale;
    fakeBrowser.handlers['popup/getState'] = () => popupState({ lastReport: { at: 0, outcome: 'counted' } });
    fakeBrowser.handlers['options/getSettings'] = () => settings();
    fakeBrowser.handlers['options/getSignalLog'] = () => [{ at: 1, service: 'x', signal: 'banner', detail: 'x.banner', blamed: 'service' }];
  });
  afterEach(unmount);

  it('finds no violations in the popup', async () => {
    expect(await violations(<Popup tabId={7} />, 'Downwatch')).toEqual([]);
  });

  it('finds no violations in the popup of a tab without a service', async () => {
    fakeBrowser.handlers['popup/getState'] = () => popupState({ service: null, serviceName: null, detail: null });
    expect(await violations(<Popup tabId={7} />, 'Downwatch')).toEqual([]);
  });

  it('finds no violations on the options page', async () => {
    expect(await violations(<OptionsPage />, 'Downwatch settings')).toEqual([]);
  });

  it('finds no violations on the first-run page', async () => {
    expect(await violations(<Welcome />, 'Welcome to Downwatch')).toEqual([]);
  });
});
