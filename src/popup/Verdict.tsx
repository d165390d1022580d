import type { PopupState } from '../core/messages.ts';
import type { DetailView } from '../core/statusView.ts';
import { LEVEL_GLYPH } from '../ui/LevelBadge.tsx';
import { t, uiTexts } from '../ui/i18n.ts';
import { headline, youWithoutFigures } from '../ui/verdict.ts';

/**
 * The answer first (docs/incidents.md): one sentence saying what is happening
 * and since when, the figures behind it, then what this browser saw.
 */
/** No figures yet (never fetched): say so, and still what this browser saw. */
export function NoFigures({ state, name }: { state: PopupState; name: string }) {
  const you = state.service === state.tabService ? youWithoutFigures(name, { verdict: state.verdict, signals: state.ownSignals }, uiTexts()) : null;
  return (
    <section class="verdict verdict-unknown" aria-labelledby="verdict-lead">
      <p class="verdict-lead" id="verdict-lead" data-testid="no-figures">{t('popupNoFigures', name)}</p>
      {you && <p class={`verdict-you you-${you.kind}`} data-you={you.kind}>{you.text}</p>}
    </section>
  );
}

export function Verdict({ detail, state, now }: { detail: DetailView; state: PopupState; now: number }) {
  // What this browser saw speaks only for the tab's own service, not one opened from the list; and
  // while the server is unreachable the crowd's figures are old, so only "your connection" is said.
  const ownTab = state.service === state.tabService && (!state.serverUnreachable || state.verdict === 'own_connection');
  const own = ownTab ? { verdict: state.verdict, signals: state.ownSignals } : undefined;
  const h = headline({ ...detail, name: state.serviceName ?? detail.name }, uiTexts(), now, own);
  return (
    <section class={`verdict verdict-${h.level}`} data-level={h.level} aria-labelledby="verdict-lead">
      <p class="verdict-lead" id="verdict-lead">
        <span class="verdict-glyph" aria-hidden="true">{LEVEL_GLYPH[h.level]}</span>
        <span>{h.lead}</span>
      </p>
      <p class="verdict-figures" data-testid="count">
        {h.since && <span data-testid="since">{h.since} · </span>}
        {h.figures}
      </p>
      {h.you && (
        <p class={`verdict-you you-${h.you.kind}`} data-you={h.you.kind}>
          {h.you.text}
        </p>
      )}
    </section>
  );
}
