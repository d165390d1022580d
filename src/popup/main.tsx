import { render } from 'preact';
import { t, uiLanguage } from '../ui/i18n.ts';
import { currentTabId } from './currentTab.ts';
import { NoTab, Popup } from './Popup.tsx';

/** How long the first paint may wait for the bundled Bengali font (a local file: a few milliseconds). */
const FONT_WAIT_MS = 400;

/**
 * In Bengali, both weights of the bundled font are loaded before the first
 * paint: text laid out while a face is still loading can keep the fallback's
 * empty boxes (src/ui/fonts.css).
 */
function bengaliFontLoaded(): Promise<unknown> {
  if (!uiLanguage().startsWith('bn')) return Promise.resolve();
  const faces = ['400', '600'].map((weight) => document.fonts.load(`${weight} 16px "Downwatch Bengali"`, 'অ'));
  return Promise.race([Promise.all(faces).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS))]);
}

document.documentElement.lang = uiLanguage();
document.title = t('extName');
const root = document.getElementById('root')!;
const tab = currentTabId().catch(() => null);
void Promise.all([tab, bengaliFontLoaded()]).then(([tabId]) => render(tabId === null ? <NoTab /> : <Popup tabId={tabId} />, root));
