import browser from 'webextension-polyfill';
import type { PopupState } from '../core/messages.ts';
import { formatNumber, t, uiLanguage } from '../ui/i18n.ts';

/** "12 minutes ago" in the UI language. */
export function ageText(fetchedAt: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - fetchedAt) / 60_000));
  const format = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' });
  return minutes < 60 ? format.format(-minutes, 'minute') : format.format(-Math.round(minutes / 60), 'hour');
}

/**
 * The server cannot be reached: which one, how old the figures shown are, a
 * retry, and the way to the setting that names the server.
 */
export function OfflineNotice({ state, now, onRetry, retrying }: { state: PopupState; now: number; onRetry(): void; retrying: boolean }) {
  return (
    <div class="notice notice-warn offline" data-testid="unreachable" role="status">
      <p>
        {t('offlineServer', state.server)}{' '}
        <span data-testid="age">{state.fetchedAt !== null ? t('offlineAge', ageText(state.fetchedAt, now)) : t('offlineNoFigures')}</span>
        {state.queued > 0 && ` ${t('popupQueued', formatNumber(state.queued))}`}
      </p>
      <p class="offline-actions">
        <button type="button" onClick={onRetry} disabled={retrying} data-testid="retry">{t('offlineRetry')}</button>
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>{t('offlineSetting')}</button>
      </p>
    </div>
  );
}
