import type { PopupState } from '../core/messages.ts';
import { formatNumber, t } from '../ui/i18n.ts';

/** "3 error banners" — chrome.i18n has no plural rules, so one/other are two keys. */
export function signalCountText(signal: string, count: number): string {
  return t(`signalCount_${signal}_${count === 1 ? 'one' : 'other'}`, formatNumber(count));
}

/** What this browser itself saw in the last 10 minutes, and the "is it just me?" verdict. */
export function OwnSignals({ state, serviceName }: { state: PopupState; serviceName: string }) {
  return (
    <section class="own" aria-labelledby="own-heading">
      <h2 id="own-heading">{t('verdictHeading')}</h2>
      <p class={`verdict verdict-${state.verdict}`} data-verdict={state.verdict}>
        {t(`verdict_${state.verdict}`, serviceName)}
      </p>
      {state.ownSignals.length === 0 ? (
        // With no signals at all the verdict already says so.
        state.verdict !== 'none' && <p class="muted">{t('ownNone', serviceName)}</p>
      ) : (
        <ul class="own-signals" aria-label={t('ownHeading')}>
          {state.ownSignals.map((s) => (
            <li key={s.signal} data-signal={s.signal}>
              {t('ownLine', [signalCountText(s.signal, s.count), serviceName])}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
