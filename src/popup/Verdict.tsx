import type { PopupState } from '../core/messages.ts';
import type { DetailView } from '../core/statusView.ts';
import { LEVEL_GLYPH } from '../ui/LevelBadge.tsx';
import { uiTexts } from '../ui/i18n.ts';
import { headline } from '../ui/verdict.ts';

/**
 * The answer first (docs/incidents.md): one sentence saying what is happening
 * and since when, the figures behind it, then what this browser saw.
 */
export function Verdict({ detail, state, now }: { detail: DetailView; state: PopupState; now: number }) {
  const h = headline({ ...detail, name: state.serviceName ?? detail.name }, uiTexts(), now, { verdict: state.verdict, signals: state.ownSignals });
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
