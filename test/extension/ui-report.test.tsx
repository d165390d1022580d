import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser, sentMessages } from './uiFakeBrowser.ts';
import { popupState } from './uiFixtures.ts';
import { byName, shownText, change, click, mount, settle, unmount } from './uiRender.tsx';
import type { PopupState, ReportOutcome } from '../../src/core/messages.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));

const { Popup } = await import('../../src/popup/Popup.tsx');

function reportButton(root: Element) {
  return byName(root, 'button', 'Report a problem');
}
const outcomeText = (root: Element) => root.querySelector('.report-outcome[role="status"]')?.textContent ?? '';

describe('popup report button', () => {
  beforeEach(() => {
    resetFakeBrowser();
    fakeBrowser.handlers['popup/getState'] = () => popupState();
  });
  afterEach(unmount);

  it('sends popup/report for the tab with the suggested problem pre-chosen', async () => {
    fakeBrowser.handlers['popup/report'] = () => ({ outcome: 'counted' });
    const root = await mount(<Popup tabId={7} />);
    expect((root.querySelector('select#problem') as HTMLSelectElement).value).toBe('feed');
    await click(reportButton(root));
    expect(sentMessages().filter((m) => m.type === 'popup/report')).toEqual([{ type: 'popup/report', payload: { tabId: 7, problem: 'feed' } }]);
    expect(outcomeText(root)).toBe('Thank you! Your report was counted.');
  });

  it('sends the problem type the user picked instead of the suggestion', async () => {
    fakeBrowser.handlers['popup/report'] = () => ({ outcome: 'counted' });
    const root = await mount(<Popup tabId={7} />);
    await change(root.querySelector('select#problem'), 'login');
    await click(reportButton(root));
    expect(sentMessages().find((m) => m.type === 'popup/report')?.payload).toEqual({ tabId: 7, problem: 'login' });
  });

  it('keeps the user-picked problem when the fresh state suggests another', async () => {
    let calls = 0;
    let releaseFresh!: () => void;
    const freshGate = new Promise<void>((r) => (releaseFresh = r));
    fakeBrowser.handlers['popup/getState'] = async ({ fresh }: { fresh: boolean }): Promise<PopupState> => {
      calls++;
      if (fresh) await freshGate;
      return popupState({ suggestedProblem: fresh ? 'website' : 'feed' });
    };
    const root = await mount(<Popup tabId={7} />);
    await change(root.querySelector('select#problem'), 'video');
    releaseFresh();
    await settle();
    expect(calls).toBe(2);
    expect((root.querySelector('select#problem') as HTMLSelectElement).value).toBe('video');
  });

  it('follows a better suggestion from the fresh state while the user has not chosen', async () => {
    fakeBrowser.handlers['popup/getState'] = ({ fresh }: { fresh: boolean }) => popupState({ suggestedProblem: fresh ? 'website' : 'feed' });
    const root = await mount(<Popup tabId={7} />);
    expect((root.querySelector('select#problem') as HTMLSelectElement).value).toBe('website');
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
    await click(reportButton(root));
    expect(outcomeText(root)).toBe(expected);
    expect(root.querySelector('.report-outcome')?.getAttribute('data-outcome')).toBe(outcome);
  });

  it('says the report could not be saved when the background fails', async () => {
    fakeBrowser.handlers['popup/report'] = () => {
      throw new Error('storage quota exceeded');
    };
    const root = await mount(<Popup tabId={7} />);
    await click(reportButton(root));
    expect(outcomeText(root)).toBe('Could not save the report: storage quota exceeded');
  });

  it('queues a report while the server is unreachable and says so', async () => {
    fakeBrowser.handlers['popup/getState'] = () => popupState({ serverUnreachable: true, detail: null, fetchedAt: null });
    fakeBrowser.handlers['popup/report'] = () => ({ outcome: 'queued' });
    const root = await mount(<Popup tabId={7} />);
    await click(reportButton(root));
    expect(outcomeText(root)).toBe('Saved. It will be sent when the server is reachable.');
  });

  it.each([
    ['queued', false],
    ['counted', true],
  ] as const)('refreshes the popup state after a %s report (from the server: %s)', async (outcome, fresh) => {
    fakeBrowser.handlers['popup/report'] = () => ({ outcome });
    const root = await mount(<Popup tabId={7} />);
    const before = sentMessages().filter((m) => m.type === 'popup/getState').length;
    await click(reportButton(root));
    const after = sentMessages().filter((m) => m.type === 'popup/getState');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.payload).toEqual({ tabId: 7, fresh });
  });

  it('shows the last report of this window when the popup opens', async () => {
    fakeBrowser.handlers['popup/getState'] = () => popupState({ lastReport: { at: Date.UTC(2026, 0, 1, 9, 5), outcome: 'counted' } });
    const root = await mount(<Popup tabId={7} />);
    expect(root.textContent).toMatch(/Your last report: .*, counted/);
  });

  it('keeps the English accessible name in Bengali, with the Bengali text and the English name visible', async () => {
    fakeBrowser.locale = 'bn';
    const root = await mount(<Popup tabId={7} />);
    const button = reportButton(root)!;
    expect(button.getAttribute('aria-label')).toBe('Report a problem');
    expect(shownText(button)).toContain('সমস্যা জানান');
    expect(button.textContent).toContain('Report a problem');
  });
});
