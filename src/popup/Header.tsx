import browser from 'webextension-polyfill';
import type { PopupState } from '../core/messages.ts';
import { t } from '../ui/i18n.ts';

/** Downwatch's mark, the service's name and site, and the two ways out: search and settings. */
export function Header({ state, onSearch }: { state: PopupState | null; onSearch?: () => void }) {
  const name = state?.service ? (state.serviceName ?? state.service) : null;
  return (
    <header class="popup-header">
      <img class="mark" src="/icons/icon-48.png" width={28} height={28} alt={t('extName')} />
      <div class="title">
        <h1>{name ?? t('extName')}</h1>
        {name && state?.serviceSite && state.serviceSite !== name && <span class="site muted">{state.serviceSite}</span>}
      </div>
      {onSearch && (
        <button type="button" class="icon-button" onClick={onSearch} aria-label={t('searchOpen')} title={t('searchOpen')} data-testid="search-open">
          <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" /><path d="M13 13l5 5" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
        </button>
      )}
      <button type="button" class="icon-button" onClick={() => void browser.runtime.openOptionsPage()} aria-label={t('openSettings')} title={t('openSettings')}>
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><circle cx="10" cy="10" r="3" fill="none" stroke="currentColor" stroke-width="2" /><path d="M10 1.5v3M10 15.5v3M1.5 10h3M15.5 10h3M4 4l2.1 2.1M13.9 13.9L16 16M4 16l2.1-2.1M13.9 6.1L16 4" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
      </button>
    </header>
  );
}
