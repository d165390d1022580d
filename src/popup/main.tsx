import { render } from 'preact';
import { t, uiLanguage } from '../ui/i18n.ts';
import { currentTabId } from './currentTab.ts';
import { NoTab, Popup } from './Popup.tsx';

document.documentElement.lang = uiLanguage();
document.title = t('extName');
const root = document.getElementById('root')!;
void currentTabId().then(
  (tabId) => render(tabId === null ? <NoTab /> : <Popup tabId={tabId} />, root),
  () => render(<NoTab />, root),
);
