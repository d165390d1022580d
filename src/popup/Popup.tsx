import browser from 'webextension-polyfill';
import type { PopupState } from '../core/messages.ts';
import { formatNumber, formatTime, t } from '../ui/i18n.ts';
import { Elsewhere } from './Elsewhere.tsx';
import { OwnSignals } from './OwnSignals.tsx';
import { ReportForm } from './ReportForm.tsx';
import { LevelLine, ServiceDetails } from './ServiceSummary.tsx';
import { usePopupState } from './usePopupState.ts';

function Header({ title }: { title: string }) {
  return (
    <header class="popup-header">
      <h1>{title}</h1>
      <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('openSettings')}
      </button>
    </header>
  );
}

/** Server reachability, queue and freshness: small print, but never hidden. */
function Notices({ state }: { state: PopupState }) {
  return (
    <>
      {state.serverUnreachable && (
        <p class="notice notice-warn" data-testid="unreachable">
          {t('popupUnreachable')}
        </p>
      )}
      {state.queued > 0 && <p class="muted">{t('popupQueued', formatNumber(state.queued))}</p>}
    </>
  );
}

function ServiceView({ state, tabId, reload }: { state: PopupState & { service: string }; tabId: number; reload(fresh: boolean): void }) {
  const name = state.serviceName ?? state.service;
  return (
    <>
      {state.detail ? <LevelLine detail={state.detail} /> : <p class="muted">{t('popupNoFigures', name)}</p>}
      {!state.serviceEnabled && <p class="notice">{t('popupServiceOff', name)}</p>}
      <ReportForm tabId={tabId} serviceName={name} suggested={state.suggestedProblem} lastReport={state.lastReport} onReported={(outcome) => reload(outcome === 'counted')} />
      <OwnSignals state={state} serviceName={name} />
      {state.detail && <ServiceDetails detail={state.detail} serviceName={name} />}
    </>
  );
}

export function Popup({ tabId }: { tabId: number }) {
  const { state, refreshing, error, reload } = usePopupState(tabId);
  const title = state?.service ? (state.serviceName ?? state.service) : t('extName');
  return (
    <>
      <Header title={title} />
      <main aria-busy={refreshing}>
        {error && !state && <p class="notice notice-bad">{t('loadFailed', error)}</p>}
        {!state && !error && <p class="muted">{t('popupLoading')}</p>}
        {state && <Notices state={state} />}
        {state && !state.service && (
          <div class="no-service" data-testid="no-service">
            <p>{t('popupNoService')}</p>
            <p class="muted">{t('popupNoServiceHint')}</p>
          </div>
        )}
        {state?.service && <ServiceView state={state as PopupState & { service: string }} tabId={tabId} reload={reload} />}
        {state && <Elsewhere services={state.elsewhere} />}
      </main>
      {state?.fetchedAt != null && (
        <footer class="muted popup-footer">{t('popupAsOf', formatTime(state.fetchedAt))}</footer>
      )}
    </>
  );
}

/** The popup before it knows its tab (only when the browser reports no active tab). */
export function NoTab() {
  return (
    <>
      <header class="popup-header">
        <h1>{t('extName')}</h1>
      </header>
      <main>
        <p data-testid="no-service">{t('popupNoService')}</p>
      </main>
    </>
  );
}
