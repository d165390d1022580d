import { useState } from 'preact/hooks';
import type { PopupState } from '../core/messages.ts';
import { formatTime, t } from '../ui/i18n.ts';
import { Breakdown } from './Breakdown.tsx';
import { ChartSection } from './ChartSection.tsx';
import { Elsewhere } from './Elsewhere.tsx';
import { Header } from './Header.tsx';
import { MoreView } from './MoreView.tsx';
import { OfflineNotice } from './Offline.tsx';
import { ReportForm } from './ReportForm.tsx';
import { NoFigures, Verdict } from './Verdict.tsx';
import { usePopupState } from './usePopupState.ts';

interface ViewProps {
  state: PopupState;
  tabId: number;
  reload(fresh: boolean): void;
  onOpen(service: string | undefined): void;
  onMore(): void;
}

/** The first view, made to fit 600 px: verdict, chart, report, top problems; the rest one tap away. */
function ServiceView({ state, tabId, reload, onOpen, onMore }: ViewProps & { state: PopupState & { service: string } }) {
  const name = state.serviceName ?? state.service;
  const detail = state.detail;
  const now = detail?.generatedAt ?? state.fetchedAt ?? Date.now();
  const ownTab = state.service === state.tabService;
  return (
    <>
      {detail ? <Verdict detail={detail} state={state} now={now} /> : <NoFigures state={state} name={name} />}
      {!state.serviceEnabled && <p class="notice">{t('popupServiceOff', name)}</p>}
      {detail && <ChartSection key={state.service} detail={detail} now={now} />}
      {ownTab ? (
        <ReportForm tabId={tabId} serviceName={name} suggested={state.suggestedProblem} lastReport={state.lastReport} onReported={() => reload(false)} />
      ) : (
        state.tabService && <button type="button" class="link-button back" onClick={() => onOpen(undefined)}>‹ {t('backToTab')}</button>
      )}
      {detail && (
        <Breakdown id="problems-heading" heading={t('problemsHeading')}
          rows={detail.problems.filter((p) => p.count > 0).map((p) => ({ key: p.problem, label: t(`problem_${p.problem}`), count: p.count }))} />
      )}
      <p class="more-row">
        <button type="button" class="link-button" onClick={onMore} data-testid="more">
          {t('moreLink', state.serverUnreachable ? '?' : String(state.elsewhere.length))} ›
        </button>
        {state.fetchedAt != null && !state.serverUnreachable && <span class="muted">{t('popupAsOf', formatTime(state.fetchedAt))}</span>}
      </p>
    </>
  );
}

export function Popup({ tabId }: { tabId: number }) {
  const [service, setService] = useState<string | undefined>(undefined);
  const [view, setView] = useState<'main' | 'more' | 'search'>('main');
  const { state, refreshing, error, reload, retry } = usePopupState(tabId, service);
  const open = (next: string | undefined) => {
    setService(next);
    setView('main');
  };
  return (
    <>
      <Header state={state} onSearch={() => setView('search')} />
      <main aria-busy={refreshing}>
        {error && !state && <p class="notice notice-bad">{t('loadFailed', error)}</p>}
        {!state && !error && <p class="muted">{t('popupLoading')}</p>}
        {state?.serverUnreachable && view === 'main' && <OfflineNotice state={state} now={Date.now()} onRetry={retry} retrying={refreshing} />}
        {state && view !== 'main' && (
          <MoreView state={state} focusSearch={view === 'search'} onOpen={open} onBack={() => setView('main')} />
        )}
        {state && view === 'main' && !state.service && (
          <>
            <div class="no-service" data-testid="no-service">
              <p>{state.lookupFailed ? t('searchNotFound') : t('popupNoService')}</p>
              <p class="muted">{t('popupNoServiceHint')}</p>
            </div>
            <Elsewhere services={state.elsewhere} unknown={state.serverUnreachable} onOpen={open} />
          </>
        )}
        {state?.service && view === 'main' && (
          <ServiceView state={state as PopupState & { service: string }} tabId={tabId} reload={reload} onOpen={open} onMore={() => setView('more')} />
        )}
      </main>
    </>
  );
}

/** The popup before it knows its tab (only when the browser reports no active tab). */
export function NoTab() {
  return (
    <>
      <Header state={null} />
      <main>
        <p data-testid="no-service">{t('popupNoService')}</p>
      </main>
    </>
  );
}
