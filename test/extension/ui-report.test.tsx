import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser, sentMessages } from './uiFakeBrowser.ts';
import { popupState } from './uiFixtures.ts';
import { byName, click, mount, settle, unmount } from './uiRender.tsx';
import type { PopupState, ReportOutcome } from '../../src/core/messages.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));

const { Popup } = await import('../../src/popup/Popup.tsx');

const reportButton = (root: Element) => root.querySelector('[data-testid="report-button"]');
const choice = (root: Element, problem: string) => root.querySelector(`[data-problem="${problem}"]`);
const outcomeText = (root: Element) => root.querySelector('.report-outcome[role="status"]')?.textContent ?? '';
const reports = () => sentMessages().filter((m) => m.type === 'popup/report');

/** The two taps: the button, then a problem. */
async function report(root: Element, problem = 'feed') {
  await click(reportButton(root));
  await click(choice(root, problem));
}

describe('popup report', () => {
  beforeEach(() => {
    resetFakeBrowser();
    fakeBrowser.handlers['popup/getState'] = () => popupState();
  });
  afterEach(unmount);

  it('sends nothing on the button alone: it asks which problem, the suggested one first', async () => {
    fakeBrowser.handlers['popup/report'] = () => ({ outcome: 'counted' });
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-problem]')).toBeNull();
    await click(reportButton(root));
    expect(reports()).toEqual([]);
    expect(reportButton(root)?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('[role="dialog"] #problem-question')?.textContent).toBe("What's wrong with X?");
    const offered = [...root.querySelectorAll('[data-problem]')].map((b) => b.getAttribute('data-problem'));
    expect(offered).toEqual(['feed', 'website', 'login', 'posting', 'messages', 'video', 'other']);
    expect(document.activeElement).toBe(choice(root, 'feed'));
  });

  it('sends the problem the user chose, for the tab', async () => {
    fakeBrowser.handlers['popup/report'] = () => ({ outcome: 'counted' });
    const root = await mount(<Popup tabId={7} />);
    await report(root, 'login');
    expect(reports()).toEqual([{ type: 'popup/report', payload: { tabId: 7, problem: 'login' } }]);
    expect(outcomeText(root)).toBe('Thank you! Your report was counted.');
    expect(root.querySelector('[data-problem]')).toBeNull();
  });

  it('closes the choice without sending on Cancel and on Escape', async () => {
    const root = await mount(<Popup tabId={7} />);
    await click(reportButton(root));
    await click(byName(root, 'button', 'Cancel'));
    expect(root.querySelector('[data-problem]')).toBeNull();
    await click(reportButton(root));
    root.querySelector('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(root.querySelector('[data-problem]')).toBeNull();
    expect(reports()).toEqual([]);
  });

  it('offers the fresh state\'s suggestion first once it arrives', async () => {
    fakeBrowser.handlers['popup/getState'] = ({ fresh }: { fresh: boolean }) => popupState({ suggestedProblem: fresh ? 'website' : 'feed' });
    const root = await mount(<Popup tabId={7} />);
    await click(reportButton(root));
    expect(root.querySelector('[data-problem]')?.getAttribute('data-problem')).toBe('website');
  });

  const outcomes: [ReportOutcome, string | undefined, string][] = [
    ['counted', undefined, 'Thank you! Your report was counted.'],
    ['duplicate', undefined, 'This report had already arrived. It counts once.'],
    ['suppressed', undefined, 'You already reported X in the last 15 minutes, so this one was not counted again.'],
    ['queued', undefined, 'Saved. It will be sent when the server is reachable.'],
    ['rejected', 'observedAt is more than 24 hours old', 'The server did not accept this report: observedAt is more than 24 hours old'],
    ['rejected', undefined, 'The server did not accept this report: no reason given'],
  ];
  it.each(outcomes)('confirms the outcome %s (reason: %s)', async (outcome, reason, expected) => {
    fakeBrowser.handlers['popup/report'] = () => ({ outcome, reason });
    const root = await mount(<Popup tabId={7} />);
    await report(root);
    expect(outcomeText(root)).toBe(expected);
    expect(root.querySelector('.report-outcome')?.getAttribute('data-outcome')).toBe(outcome);
  });

  it('says the report could not be saved when the background fails', async () => {
    fakeBrowser.handlers['popup/report'] = () => {
      throw new Error('storage quota exceeded');
    };
    const root = await mount(<Popup tabId={7} />);
    await report(root);
    expect(outcomeText(root)).toBe('Could not save the report: storage quota exceeded');
  });

  it('queues a report while the server is unreachable and says so', async () => {
    fakeBrowser.handlers['popup/getState'] = () => popupState({ serverUnreachable: true, detail: null, fetchedAt: null });
    fakeBrowser.handlers['popup/report'] = () => ({ outcome: 'queued' });
    const root = await mount(<Popup tabId={7} />);
    await report(root);
    expect(outcomeText(root)).toBe('Saved. It will be sent when the server is reachable.');
  });

  it('shows its own counted report in the count at once (the background adds it to the cached figures)', async () => {
    let reported = false;
    fakeBrowser.handlers['popup/report'] = () => {
      reported = true;
      return { outcome: 'counted' };
    };
    fakeBrowser.handlers['popup/getState'] = (): PopupState => {
      const state = popupState();
      return reported ? { ...state, detail: { ...state.detail!, count: state.detail!.count + 1 } } : state;
    };
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('3,665 reports');
    await report(root);
    expect(sentMessages().filter((m) => m.type === 'popup/getState').at(-1)?.payload).toEqual({ tabId: 7, fresh: false });
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('3,666 reports');
  });

  it('shows the last report of this window when the popup opens', async () => {
    fakeBrowser.handlers['popup/getState'] = () => popupState({ lastReport: { at: Date.UTC(2026, 0, 1, 9, 5), outcome: 'counted' } });
    const root = await mount(<Popup tabId={7} />);
    expect(outcomeText(root)).toMatch(/Your last report: .*, counted/);
  });

  it('is named "Report a problem" in English and fully Bengali in Bengali, with a stable test id', async () => {
    let root = await mount(<Popup tabId={7} />);
    expect(byName(root, 'button', 'Report a problem')).toBe(reportButton(root));
    fakeBrowser.locale = 'bn';
    root = await mount(<Popup tabId={7} />);
    const button = reportButton(root)!;
    expect(button.getAttribute('aria-label')).toBeNull();
    expect(button.textContent).toBe('সমস্যা জানান');
    expect(root.textContent).not.toContain('Report a problem');
  });

  it('offers no report for a service opened from the list, only the way back to the tab\'s', async () => {
    fakeBrowser.handlers['popup/getState'] = () => popupState({ service: 'reddit', serviceName: 'Reddit', tabService: 'x' });
    const root = await mount(<Popup tabId={7} />);
    expect(reportButton(root)).toBeNull();
    expect(byName(root, 'button', "‹ Back to this tab's site")).not.toBeNull();
  });
});
